export declare const DEBIAN_CHROMIUM: string;
export declare const CHROMIUM_ARGS: string[];
export declare const INSTALL_HINT: string;
export declare function findChromium(
  env?: Record<string, string | undefined>,
): { executablePath: string | undefined; source: string } | { error: string };
