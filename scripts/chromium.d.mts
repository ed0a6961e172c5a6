/** Where a system Chromium or Chrome usually is, after `CHROME_PATH`. */
export declare const CHROMIUM_LOCATIONS: readonly string[];
/** `CHROME_PATH` when set (it must then be an executable), else the first usual location that is one. */
export declare function findChromium(env?: NodeJS.ProcessEnv): string | undefined;
/** One paragraph for a person: why there is no browser and what to do about it. */
export declare function missingChromiumMessage(env?: NodeJS.ProcessEnv): string;
/** The browser's path, after installing Debian's chromium when there is none and this machine can. */
export declare function ensureChromium(options?: { log?: (line: string) => void }): string | undefined;
