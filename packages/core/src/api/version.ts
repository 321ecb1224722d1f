// Kept in sync with package.json by hand: importing package.json would put the whole manifest in the bundle.
export const VERSION = '0.0.0';
