/** Programmatic entry to the `tqalert` CLI (the binary is `tqalert`). */
export { exitCodeFor, main } from './main.js';
