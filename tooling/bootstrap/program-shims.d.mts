/** The programs a clone provides. */
export declare const PROGRAMS: readonly string[];
/** Writes one `sh` shim per program into `binDir`, run by `node` (an absolute path). Returns their paths. */
export declare function writeProgramShims(binDir: string, node: string): string[];
