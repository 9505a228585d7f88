import type { Redactor } from '@tqalert/core';
import { stripControlChars } from '@tqalert/worker/control-chars';

/**
 * Where a command writes: text for people, JSON for scripts, colours only on a terminal without NO_COLOR.
 * Everything for people is scrubbed of secrets and of control characters (escape sequences, bidi controls)
 * that upstream text could carry to the terminal; JSON escapes control characters itself.
 */
export class Output {
  readonly json: boolean;
  readonly color: boolean;
  readonly tty: boolean;
  private resultWritten = false;

  constructor(
    options: { json: boolean; env: NodeJS.ProcessEnv },
    private readonly redactor: Redactor,
    private readonly stdout: NodeJS.WriteStream = process.stdout,
    private readonly stderr: NodeJS.WriteStream = process.stderr,
  ) {
    this.json = options.json;
    this.tty = Boolean(stderr.isTTY);
    this.color = Boolean(stdout.isTTY) && options.env.NO_COLOR === undefined && options.env.TERM !== 'dumb';
  }

  /** Text safe to show a person: no secrets, no control characters except line feeds and tabs. */
  private forPeople(text: string): string {
    return stripControlChars(this.redactor.text(text), { multiline: true });
  }

  /** A line for people on stdout (suppressed in --json mode). */
  line(text = ''): void {
    if (!this.json) this.stdout.write(`${this.forPeople(text)}\n`);
  }

  /** The machine result in --json mode (one JSON document on stdout). */
  result(value: unknown): void {
    if (!this.json) return;
    this.resultWritten = true;
    this.stdout.write(`${JSON.stringify(this.redactor.value(value), null, 2)}\n`);
  }

  /** An error for people (stderr), or `{ ok: false, error }` on stdout in --json mode. */
  error(message: string, details?: Record<string, unknown>): void {
    // In --json mode stdout carries exactly one document: a result already written says it all.
    if (this.json) {
      if (!this.resultWritten) this.result({ ok: false, error: this.redactor.text(message), ...details });
    } else this.stderr.write(`${this.paint('31', 'error:')} ${this.forPeople(message)}\n`);
  }

  /** A note on stderr (progress, warnings); never pollutes stdout. */
  note(text: string): void {
    this.stderr.write(`${this.forPeople(text)}\n`);
  }

  paint(code: string, text: string): string {
    return this.color ? `\u001b[${code}m${text}\u001b[0m` : text;
  }

  ok(text: string): void {
    // Painted after cleaning: the tick's own colour codes must survive.
    if (!this.json) this.stdout.write(`${this.paint('32', '✓')} ${this.forPeople(text)}\n`);
  }

  /** A progress reporter: a redrawn bar on a terminal, plain lines (every 10%) otherwise. */
  progress(rawLabel: string, total: number): { tick(n?: number): void; done(): void } {
    const label = stripControlChars(this.redactor.text(rawLabel));
    let current = 0;
    let lastPlain = -1;
    const draw = () => {
      const ratio = total > 0 ? Math.min(1, current / total) : 1;
      if (this.tty && !this.json) {
        const width = 30;
        const filled = Math.round(ratio * width);
        this.stderr.write(
          `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${current}/${total}`,
        );
      } else {
        const step = Math.floor(ratio * 10);
        if (step !== lastPlain) {
          lastPlain = step;
          this.stderr.write(`${label}: ${current}/${total}\n`);
        }
      }
    };
    return {
      tick: (n = 1) => {
        current += n;
        draw();
      },
      done: () => {
        current = Math.max(current, total);
        draw();
        if (this.tty && !this.json) this.stderr.write('\n');
      },
    };
  }
}
