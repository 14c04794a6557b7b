/** The favicon: a blue square with a rising bar chart, so browsers never ask for /favicon.ico. */
export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b3a63"/><rect x="7" y="17" width="4" height="8" fill="#fff"/><rect x="14" y="12" width="4" height="13" fill="#fff"/><rect x="21" y="7" width="4" height="18" fill="#ffd21f"/></svg>
`;
