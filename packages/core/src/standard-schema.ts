/**
 * The Standard Schema v1 interface (https://standardschema.dev), declared here so that core needs no extra
 * dependency. zod 4, valibot and arktype schemas all satisfy it, so a plugin author may validate options
 * with any of them.
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}

/** The types that make up {@link StandardSchemaV1}: props, results, issues. */
export declare namespace StandardSchemaV1 {
  export interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  export type Result<Output> = SuccessResult<Output> | FailureResult;
  export interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  export interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  export interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  export interface PathSegment {
    readonly key: PropertyKey;
  }
  export interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  export type InferInput<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['input'];
  export type InferOutput<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['output'];
}

/** Joins a Standard Schema issue path as `a.b[2].c`. */
export function formatIssuePath(path: StandardSchemaV1.Issue['path'], prefix = ''): string {
  let out = prefix;
  for (const segment of path ?? []) {
    const key = typeof segment === 'object' && segment !== null ? segment.key : segment;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** Runs a Standard Schema and returns either the value or `path: message` lines. */
export async function validateWithSchema<O>(
  schema: StandardSchemaV1<unknown, O>,
  value: unknown,
  pathPrefix = '',
): Promise<{ ok: true; value: O } | { ok: false; issues: { path: string; message: string }[] }> {
  const result = await schema['~standard'].validate(value);
  if (result.issues) {
    return {
      ok: false,
      issues: result.issues.map((issue) => ({
        path: formatIssuePath(issue.path, pathPrefix) || pathPrefix || '(root)',
        message: issue.message,
      })),
    };
  }
  return { ok: true, value: result.value };
}
