import { z } from "zod";

/**
 * A faster `safeParse` for the contract's response schemas, compiled once per schema into plain
 * closures (no `eval`, so it runs where zod's own JIT cannot, such as Workers).
 *
 * For a JSON value (what `JSON.parse` returns) it returns the output zod would return (defaults
 * filled in, unknown fields kept by loose objects and dropped by plain ones), or `INVALID` for
 * every value zod rejects. It builds no errors: on `INVALID` the caller asks zod, so messages stay
 * zod's own. (The one valid input it also answers `INVALID` for, leaving it to zod, is an object
 * with an own `__proto__` key, which zod leaves out of its copy.) Any schema kind or check it
 * does not know (transforms, pipes, lazy, formats, refinements...) is handed to zod's `safeParse`
 * for that sub-tree, which keeps the whole exact.
 */

export const INVALID: unique symbol = Symbol("invalid");
export type Invalid = typeof INVALID;
export type CompiledSchema = (value: unknown) => unknown;

/** The internals of a zod 4 schema that the compiler reads. */
interface Internals {
  def: {
    type: string;
    checks?: CheckInternals[];
    coerce?: boolean;
    shape?: Record<string, ZodLike>;
    catchall?: ZodLike;
    element?: ZodLike;
    innerType?: ZodLike;
    in?: ZodLike;
    out?: ZodLike;
    transform?: (value: unknown, payload: { value: unknown; issues: unknown[] }) => unknown;
    options?: ZodLike[];
    defaultValue?: unknown;
  };
  traits: Set<string>;
  optin?: "optional" | "defaulted";
  optout?: "optional";
  values?: Set<unknown>;
}
interface ZodLike {
  _zod: Internals;
  safeParse(value: unknown): { success: boolean; data?: unknown };
}
interface CheckInternals {
  _zod: {
    traits: Set<string>;
    def: {
      check: string;
      when?: (payload: { value: unknown; issues: unknown[] }) => boolean;
      minimum?: number;
      maximum?: number;
      length?: number;
      value?: unknown;
      inclusive?: boolean;
      format?: string;
      pattern?: RegExp;
    };
  };
}

/** The `when` conditions zod gives length checks by default, found by identity on sample schemas. */
const DEFAULT_WHEN = new Set(
  [z.string().min(1), z.string().max(1), z.string().length(1), z.array(z.string()).min(1)].map(
    (sample) => (sample._zod.def.checks?.[0] as unknown as CheckInternals | undefined)?._zod.def.when,
  ),
);

/**
 * Validates a value and returns zod's output for it, `INVALID` when zod rejects it, or `UNSURE`
 * when it leaves the verdict to zod (then passed straight up, never taken for a failed union
 * option). In place, sub-values are checked where they are, and what zod would put in their
 * stead (a default for an absent key, a copy it makes) is queued in `patches` as
 * `target, key, value` triples, written only once the whole value passed: a failed check or a
 * failed union option leaves the input untouched. As a copy, new containers are built instead.
 */
type Validate = (value: unknown, patches: unknown[]) => unknown;
const UNSURE: unique symbol = Symbol("unsure");

const inPlaceCache = new WeakMap<object, CompiledSchema>();
const copyCache = new WeakMap<object, CompiledSchema>();

/**
 * The compiled validator of a schema, built on first use and kept for the schema's lifetime.
 *
 * By default it is meant for freshly parsed JSON that nobody else holds: on success the value is
 * completed in place (defaults written into it) and returned, so its key order can differ from
 * zod's. With `copy`, for values the caller still holds (request input), the input is never
 * written to and the output is built anew, as zod builds it.
 */
export function compileSchema(schema: z.ZodType, options: { copy?: boolean } = {}): CompiledSchema {
  const copy = options.copy === true;
  const cache = copy ? copyCache : inPlaceCache;
  let compiled = cache.get(schema);
  if (!compiled) {
    const validate = compile(schema as unknown as ZodLike, copy);
    compiled = (value) => {
      const patches: unknown[] = [];
      const out = validate(value, patches);
      if (out === INVALID || out === UNSURE) return INVALID;
      for (let i = 0; i < patches.length; i += 3)
        (patches[i] as Record<PropertyKey, unknown>)[patches[i + 1] as PropertyKey] = patches[i + 2];
      return out;
    };
    cache.set(schema, compiled);
  }
  return compiled;
}

/** Kinds whose `def.type` is shared with one we handle but whose parsing differs. */
const DELEGATED_TRAITS = ["$ZodDiscriminatedUnion", "$ZodXor", "$ZodExactOptional", "$ZodCodec"];

function compile(schema: ZodLike, copy: boolean): Validate {
  const zod = schema._zod;
  const def = zod.def;
  if (def.coerce || DELEGATED_TRAITS.some((trait) => zod.traits.has(trait))) return delegate(schema);
  // A schema that is itself a check (string formats, z.int()) runs as its own first check.
  const checkList = zod.traits.has("$ZodCheck")
    ? [schema as unknown as CheckInternals, ...(def.checks ?? [])]
    : (def.checks ?? []);
  const checks = compileChecks(checkList);
  if (checks === null) return delegate(schema);
  const checked = (validate: Validate): Validate =>
    checks.length === 0
      ? validate
      : (value, patches) => {
          const out = validate(value, patches);
          if (out === INVALID || out === UNSURE) return out;
          return passes(checks, out) ? out : INVALID;
        };

  switch (def.type) {
    case "string":
    case "number":
    case "boolean": {
      const plain = def.type === "string" ? isString : def.type === "number" ? isNumber : isBoolean;
      if (checks.length === 0) return plain;
      const validate = checked(plain);
      const leaf = leafOf(def.type, checkList);
      if (leaf) LEAVES.set(validate, leaf);
      return validate;
    }
    case "unknown":
    case "any":
      return checked((value) => value);
    case "enum":
    case "literal": {
      const values = zod.values;
      if (!values) return delegate(schema);
      const member: Validate = (value) => (values.has(value) ? value : INVALID);
      if (checks.length === 0) MEMBERS.set(member, values);
      return checked(member);
    }
    case "optional": {
      const inner = compile(def.innerType!, copy);
      const substitutes = def.innerType!._zod.optin === "defaulted";
      // Present, it is its inner schema; absence is the object's business.
      if (checks.length === 0 && !substitutes && LEAVES.has(inner)) {
        const optional: Validate = (value, patches) =>
          value === undefined ? undefined : inner(value, patches);
        LEAVES.set(optional, LEAVES.get(inner)!);
        return optional;
      }
      return checked((value, patches) => {
        if (value !== undefined) return inner(value, patches);
        if (!substitutes) return undefined;
        const mark = patches.length;
        const out = inner(undefined, patches);
        if (out === UNSURE) return UNSURE;
        if (out !== INVALID) return out;
        patches.length = mark;
        return undefined;
      });
    }
    case "nullable": {
      const inner = compile(def.innerType!, copy);
      return checked((value, patches) => (value === null ? null : inner(value, patches)));
    }
    case "default": {
      const inner = compile(def.innerType!, copy);
      // `defaultValue` is a getter that hands out a fresh copy each time; read it per use as zod does.
      return checked((value, patches) => {
        if (value === undefined) return def.defaultValue;
        const out = inner(value, patches);
        return out === undefined ? def.defaultValue : out;
      });
    }
    case "array": {
      const element = compile(def.element!, copy);
      if (copy)
        return checked((value, patches) => {
          if (!Array.isArray(value)) return INVALID;
          const out = new Array(value.length);
          for (let i = 0; i < value.length; i++) {
            const item = element(value[i], patches);
            if (item === INVALID || item === UNSURE) return item;
            out[i] = item;
          }
          return out;
        });
      return checked((value, patches) => {
        if (!Array.isArray(value)) return INVALID;
        for (let i = 0; i < value.length; i++) {
          const item = value[i];
          const out = element(item, patches);
          if (out === INVALID || out === UNSURE) return out;
          if (out !== item) patches.push(value, i, out);
        }
        return value;
      });
    }
    case "union": {
      const options = def.options!.map((option) => compile(option, copy));
      // `enum.or(z.string())` and the like accept exactly the values of their widest plain option.
      const widest = options.find((option) => PLAIN.has(option));
      if (
        checks.length === 0 &&
        widest &&
        options.every((option) => option === widest || narrower(option, widest))
      ) {
        return widest;
      }
      // zod takes the first option that passes; a failed option's queued patches are dropped.
      return checked((value, patches) => {
        const mark = patches.length;
        for (const option of options) {
          const out = option(value, patches);
          if (out !== INVALID) return out;
          patches.length = mark;
        }
        return INVALID;
      });
    }
    case "transform": {
      // zod's own parse of a transform (classic's `ZodTransform`), minus building the issues:
      // any issue the function adds means a rejection, and zod is asked for the details.
      const transform = def.transform;
      if (!zod.traits.has("ZodTransform") || typeof transform !== "function") return delegate(schema);
      return checked((value) => {
        const payload = {
          value,
          issues: [] as unknown[],
          addIssue: (issue: unknown) => payload.issues.push(issue),
        };
        const out = transform(value, payload);
        if (out instanceof Promise) return UNSURE;
        return payload.issues.length ? INVALID : out;
      });
    }
    case "pipe": {
      // `z.preprocess(fn, schema)` is a pipe from a transform (run by zod itself) into the schema.
      const first = compile(def.in!, copy);
      const second = compile(def.out!, copy);
      return checked((value, patches) => {
        const mark = patches.length;
        const middle = first(value, patches);
        if (middle === INVALID || middle === UNSURE) return middle;
        // The second stage would see the value without the first stage's pending patches.
        if (patches.length !== mark) return UNSURE;
        return second(middle, patches);
      });
    }
    case "object": {
      const object = compileObject(schema, copy);
      return object ? checked(object) : delegate(schema);
    }
    default:
      return delegate(schema);
  }
}

const isString: Validate = (value) => (typeof value === "string" ? value : INVALID);
const isNumber: Validate = (value) => (typeof value === "number" && Number.isFinite(value) ? value : INVALID);
const isBoolean: Validate = (value) => (typeof value === "boolean" ? value : INVALID);
/** The three validators that pass exactly the values of one `typeof` (finite, for numbers), unchanged. */
const PLAIN = new Set<Validate>([isString, isNumber, isBoolean]);

/**
 * A value test simple enough for an object to make inline instead of calling a validator: its
 * `typeof`, and for strings whether it may be empty, for numbers whether it must be a safe
 * integer and its lower bound. Output is the value unchanged.
 */
interface Leaf {
  type: "string" | "number" | "boolean";
  /** More than the `typeof` to test (always for numbers, which must be finite). */
  more: boolean;
  nonEmpty: boolean;
  int: boolean;
  min: number;
  minInclusive: boolean;
}
const plainLeaf = (type: Leaf["type"]): Leaf => ({
  type,
  more: type === "number",
  nonEmpty: false,
  int: false,
  min: Number.NEGATIVE_INFINITY,
  minInclusive: true,
});
/** Leaf validators (plain ones, the simple checked ones, and `.optional()` of either) with their tests. */
const LEAVES = new Map<Validate, Leaf>([
  [isString, plainLeaf("string")],
  [isNumber, plainLeaf("number")],
  [isBoolean, plainLeaf("boolean")],
]);

/** The inline test for a string or number with these checks, when they are all of the simple kinds. */
function leafOf(type: string, checks: CheckInternals[]): Leaf | null {
  if (type === "boolean") return null;
  const leaf = plainLeaf(type as Leaf["type"]);
  for (const check of checks) {
    const def = check._zod.def;
    const plainWhen = !def.when || DEFAULT_WHEN.has(def.when);
    if (type === "string" && def.check === "min_length" && def.minimum! <= 1 && plainWhen) {
      // One UTF-16 unit or more is one code point or more.
      if (def.minimum === 1) leaf.nonEmpty = leaf.more = true;
    } else if (type === "number" && def.check === "number_format" && def.format === "safeint" && !def.when) {
      leaf.int = true;
    } else if (
      type === "number" &&
      def.check === "greater_than" &&
      typeof def.value === "number" &&
      !def.when
    ) {
      if (def.value > leaf.min || (def.value === leaf.min && !def.inclusive)) {
        leaf.min = def.value;
        leaf.minInclusive = def.inclusive === true;
      }
    } else return null;
  }
  return leaf;
}

/** The inline test of a leaf, beyond its `typeof`. */
function leafPasses(leaf: Leaf, value: unknown): boolean {
  if (leaf.type === "string") return !leaf.nonEmpty || (value as string).length > 0;
  const number = value as number;
  if (!Number.isFinite(number) || (leaf.int && !Number.isSafeInteger(number))) return false;
  return leaf.minInclusive ? number >= leaf.min : number > leaf.min;
}
/** Enum and literal validators, with their values. */
const MEMBERS = new WeakMap<Validate, Set<unknown>>();

/** True when `option` passes only values that `plain` passes, and returns them unchanged. */
function narrower(option: Validate, plain: Validate): boolean {
  const values = MEMBERS.get(option);
  return values !== undefined && [...values].every((value) => typeof value === LEAVES.get(plain)!.type);
}

/** What an absent key does, decided once per key from zod's `optin`/`optout` (see zod's `handlePropertyResult`). */
const Absent = {
  /** `.optional()`: an absent key stays absent, whatever the schema says about `undefined`. */
  Skip: 0,
  /** Optional in and out but substituting (`.default().optional()`): kept when it yields a value; a failure leaves it out. */
  SkipOnFailure: 1,
  /** Substitutes a value (`.default()`): kept, even as `undefined`. */
  Substitute: 2,
  /** Optional in only: kept when it yields a value. */
  KeepDefined: 3,
  /** Required. */
  Required: 4,
} as const;

interface Field {
  key: string;
  validate: Validate;
  /** Set when the field's value is tested inline (see `Leaf`). */
  leaf: Leaf | undefined;
  absent: (typeof Absent)[keyof typeof Absent];
  /** This field's bit among the object's absentees (see `compileObject`), or 0. */
  bit: number;
}

function compileObject(schema: ZodLike, copy: boolean): Validate | null {
  const { def } = schema._zod;
  const shape = def.shape!;
  const keys = Object.keys(shape);
  // Inherited names would read as present on every object (zod tests presence with `in`); symbols never come from JSON.
  if (keys.some((key) => key in Object.prototype) || Object.getOwnPropertySymbols(shape).length) return null;
  const fields: Field[] = keys.map((key) => {
    const field = shape[key]!._zod;
    const optionalOut = field.optout === "optional";
    const absent =
      field.optin === undefined
        ? Absent.Required
        : optionalOut
          ? field.optin === "optional"
            ? Absent.Skip
            : Absent.SkipOnFailure
          : field.optin === "defaulted"
            ? Absent.Substitute
            : Absent.KeepDefined;
    const validate = compile(shape[key]!, copy);
    return { key, validate, leaf: LEAVES.get(validate), absent, bit: 0 };
  });
  const catchall = def.catchall?._zod.def.type;
  if (catchall !== undefined && catchall !== "unknown" && catchall !== "any" && catchall !== "never")
    return null;
  if (copy || catchall === undefined) return copiedObject(fields, catchall);
  const strict = catchall === "never";
  const byKey = new Map(fields.map((field) => [field.key, field]));
  // Only these need a look when absent; an absent `.optional()` key needs nothing. The first 31
  // get a bit each, set while the present keys go by, so that most absences cost no lookup.
  const absentees = fields.filter((field) => field.absent !== Absent.Skip);
  absentees.slice(0, 31).forEach((field, i) => {
    field.bit = 1 << i;
  });
  const allBits = absentees.length > 31 ? -1 : 2 ** absentees.length - 1;
  // The keys of the last object seen, in order, with their fields: objects of one kind from one
  // API come with the same keys in the same order, so most keys are found by one comparison.
  const lastKeys: string[] = [];
  const lastFields: Array<Field | undefined> = [];

  // Unknown keys are kept, so the object is checked where it is: present keys first, in the
  // input's order (far fewer than the shape's keys on a typical TikTok object), then absences.
  // In JSON a key is present exactly when its value is defined.
  return (value, patches) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return INVALID;
    const input = value as Record<string, unknown>;
    let position = 0;
    let seen = 0;
    for (const key in input) {
      let field: Field | undefined;
      if (lastKeys[position] === key) field = lastFields[position];
      else {
        field = byKey.get(key);
        lastKeys[position] = key;
        lastFields[position] = field;
      }
      position++;
      if (field === undefined) {
        if (strict) return INVALID;
        // zod leaves an own `__proto__` key out of its copy; let zod build that (rare) output.
        if (key === "__proto__") return UNSURE;
        continue;
      }
      const present = input[key];
      if (present === undefined) return UNSURE;
      seen |= field.bit;
      const leaf = field.leaf;
      if (leaf !== undefined) {
        if (typeof present !== leaf.type || (leaf.more && !leafPasses(leaf, present))) return INVALID;
        continue;
      }
      const out = field.validate(present, patches);
      if (out === INVALID || out === UNSURE) return out;
      if (out !== present) patches.push(input, key, out);
    }
    if (seen === allBits) return input;
    for (const field of absentees) {
      if (field.bit !== 0 ? (seen & field.bit) !== 0 : input[field.key] !== undefined) continue;
      const assigned = absentValue(field, patches);
      if (assigned === INVALID || assigned === UNSURE) return assigned;
      if (assigned !== SKIP) patches.push(input, field.key, assigned);
    }
    return input;
  };
}

const SKIP = Symbol("skip");

/** The value zod writes for an absent key, `SKIP` when it writes none, `INVALID` or `UNSURE`. */
function absentValue(field: Field, patches: unknown[]): unknown {
  if (field.absent === Absent.Skip) return SKIP;
  if (field.absent === Absent.Required) return INVALID;
  const mark = patches.length;
  const out = field.validate(undefined, patches);
  if (out === UNSURE) return UNSURE;
  if (out === INVALID) {
    patches.length = mark;
    return field.absent === Absent.SkipOnFailure ? SKIP : INVALID;
  }
  return out !== undefined || field.absent === Absent.Substitute ? out : SKIP;
}

/**
 * An object built anew, as zod builds it: the shape's keys in order, then (loose objects) the
 * unknown keys in input order. Plain `z.object`s always take this path, since they drop unknown
 * keys. Presence is zod's own test (`key in input`), so values the caller set to `undefined` count.
 */
function copiedObject(fields: Field[], catchall: string | undefined): Validate {
  const known = new Set(fields.map((field) => field.key));
  return (value, patches) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return INVALID;
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      const present = input[field.key];
      let assigned: unknown;
      // A key set to `undefined` is present to zod: parsed as `undefined`, and kept whatever it yields.
      if (present !== undefined || field.key in input) assigned = field.validate(present, patches);
      else assigned = absentValue(field, patches);
      if (assigned === INVALID || assigned === UNSURE) return assigned;
      if (assigned !== SKIP) out[field.key] = assigned;
    }
    if (catchall === undefined) return out;
    for (const key in input) {
      if (known.has(key)) continue;
      if (catchall === "never") return INVALID;
      // Never copied: assigning it would replace the result's prototype.
      if (key === "__proto__") continue;
      out[key] = input[key];
    }
    return out;
  };
}

type Check = (value: unknown) => boolean;

/** Compiles the checks zod would run after the type test, or null if one of them is unknown here. */
function compileChecks(list: CheckInternals[]): Check[] | null {
  const out: Check[] = [];
  for (const check of list) {
    const def = check._zod.def;
    let test: Check;
    switch (def.check) {
      case "min_length": {
        const min = def.minimum!;
        // A string of n units has between n/2 and n code points: count them only when that range straddles the bound.
        test = (value) => {
          const units = (value as string | unknown[]).length;
          if (units < min) return false;
          return typeof value !== "string" || units >= min * 2 || codePoints(value) >= min;
        };
        break;
      }
      case "max_length": {
        const max = def.maximum!;
        test = (value) => {
          const units = (value as string | unknown[]).length;
          if (units <= max) return true;
          return typeof value === "string" && units <= max * 2 && codePoints(value) <= max;
        };
        break;
      }
      case "length_equals": {
        const length = def.length!;
        test = (value) => {
          const units = (value as string | unknown[]).length;
          if (typeof value !== "string") return units === length;
          return units >= length && units <= length * 2 && codePoints(value) === length;
        };
        break;
      }
      case "greater_than": {
        const bound = def.value;
        if (typeof bound !== "number") return null;
        test = def.inclusive ? (value) => (value as number) >= bound : (value) => (value as number) > bound;
        break;
      }
      case "less_than": {
        const bound = def.value;
        if (typeof bound !== "number") return null;
        test = def.inclusive ? (value) => (value as number) <= bound : (value) => (value as number) < bound;
        break;
      }
      case "number_format": {
        if (def.format === "safeint") test = (value) => Number.isSafeInteger(value);
        else if (def.format === "int32")
          test = (value) =>
            Number.isInteger(value) && (value as number) >= -2147483648 && (value as number) <= 2147483647;
        else if (def.format === "uint32")
          test = (value) =>
            Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 4294967295;
        else return null;
        break;
      }
      case "string_format": {
        // Only plain `.regex()`: other formats have checks of their own beyond a pattern.
        if (def.format !== "regex" || !check._zod.traits.has("$ZodCheckRegex") || !def.pattern) return null;
        const pattern = def.pattern;
        test = (value) => {
          pattern.lastIndex = 0;
          return pattern.test(value as string);
        };
        break;
      }
      default:
        return null;
    }
    const when = def.when;
    if (!when) out.push(test);
    // zod's default condition for length checks, inlined: run only on a value that has a length.
    else if (DEFAULT_WHEN.has(when))
      out.push(
        (value) => value == null || (value as { length?: unknown }).length === undefined || test(value),
      );
    else out.push((value) => !when({ value, issues: [] }) || test(value));
  }
  return out;
}

function passes(checks: Check[], value: unknown): boolean {
  for (const check of checks) if (!check(value)) return false;
  return true;
}

/** zod measures strings in code points: a surrogate pair counts once, a lone surrogate once. */
function codePoints(value: string): number {
  let length = value.length;
  for (let i = 0; i < value.length - 1; i++) {
    const unit = value.charCodeAt(i);
    if ((unit & 0xfc00) === 0xd800 && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length--;
      i++;
    }
  }
  return length;
}

function delegate(schema: ZodLike): Validate {
  return (value) => {
    const result = schema.safeParse(value);
    return result.success ? result.data : INVALID;
  };
}
