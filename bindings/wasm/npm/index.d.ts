// Types of the miniport package (WebAssembly build of the miniport compiler).

/** Where the converted app will run. */
export type Target = 'telegram' | 'web' | 'w3c';

export interface Options {
  /** Default "telegram". */
  target?: Target;
  /** Minify scripts, styles and the runtime. Default false. */
  minify?: boolean;
  /** Widest page in CSS pixels; rpx scales with the page width up to it. Default 600. */
  maxPageWidth?: number;
  /** Source of an ES module whose default export receives `wx` at start (`--api`). */
  apiOverrides?: string;
}

/** One finding, located with 1-based lines and columns (columns count characters). */
export interface Diagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  file?: string;
  line?: number;
  column?: number;
  end_line?: number;
  end_column?: number;
  hint?: string;
}

export interface Summary {
  pages: number;
  components: number;
  stylesheets: number;
  assets: number;
  errors: number;
  warnings: number;
}

export interface Conversion {
  /** The output site: path → content. */
  files: Map<string, Uint8Array>;
  diagnostics: Diagnostic[];
  /** The parsed `report.json` of the output. */
  report: Record<string, unknown>;
  summary: Summary;
}

export function init(source?: URL | string | Response | BufferSource | WebAssembly.Module): Promise<void>;
export function convert(
  files: Map<string, Uint8Array | string> | Record<string, Uint8Array | string>,
  options?: Options,
): Promise<Conversion>;
export function version(): Promise<string>;
