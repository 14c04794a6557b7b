import { ConfigError } from './errors';

/**
 * The checks on a run's options that the command line and the Lambda share, so neither publishes
 * what the other would refuse. Each throws ConfigError naming the option (a flag or an
 * environment variable) and what was found; the command line turns it into a usage error.
 */

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Characters that would break out of an attribute, a Turtle IRI or a feed link. */
const UNSAFE_URL_CHARS = /["'<>`\\\s{}|^]/;

/**
 * The public base URL every published link, feed id and catalogue URI is built from: `https://`
 * (or `http://localhost…`, `http://127.0.0.1…` where `allowLocalHttp`, for local runs), with no
 * credentials, query or fragment, and none of the characters a link cannot hold. Returns it
 * without trailing slashes.
 */
export function checkBaseUrl(raw: string, name: string, allowLocalHttp: boolean): string {
  const refuse = (why: string): never => {
    throw new ConfigError(`${name} ${why}, found ${JSON.stringify(redactCredentials(raw))}`);
  };
  if (UNSAFE_URL_CHARS.test(raw)) refuse('may not hold quotes, angle brackets, backslashes or white space');
  if (!URL.canParse(raw)) refuse('expects an absolute URL such as https://amif.example.fi');
  const url = new URL(raw);
  const local = url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(allowLocalHttp && local)) {
    refuse(allowLocalHttp ? 'must be https:// (or http://localhost / http://127.0.0.1)' : 'must be https://');
  }
  if (url.username || url.password) refuse('may not hold credentials (user:password@)');
  if (url.search || url.hash || raw.includes('?') || raw.includes('#'))
    refuse('may not hold a query or fragment');
  return raw.replace(/\/+$/, '');
}

/** Refuses a source URL with credentials: they would be published in status.json and the catalogue. */
export function refuseCredentials(url: URL, name: string, entry: string): void {
  if (url.username || url.password) {
    throw new ConfigError(
      `${name} holds a URL with credentials (user:password@), which would be published: ${JSON.stringify(redactCredentials(entry))}`,
    );
  }
}

/** The text with any `user:password@` of a URL in it replaced by `***@`, for error messages. */
export function redactCredentials(text: string): string {
  return text.replace(/(\/\/)[^/@\s]*@/g, '$1***@');
}
