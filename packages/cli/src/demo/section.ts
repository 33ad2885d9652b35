/** One part of `sslkit demo`: its verdict, its JSON for `--json`, and its text for people. */
export interface DemoSection {
  readonly name: string;
  readonly ok: boolean;
  readonly json: unknown;
  readonly text: string;
}
