/** snowball-stemmers 0.6.0 ships no types: the two functions the project calls. */
declare module 'snowball-stemmers' {
  export function newStemmer(algorithm: string): { stem(word: string): string };
  export function algorithms(): string[];
}
