import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileSchema, INVALID } from "../src/compiled-schema.ts";
import { contract } from "../src/contract/index.ts";

/** The internals of a zod schema that the generator reads. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  checks?: Array<{ _zod: { def: { check: string; minimum?: number; maximum?: number } } }>;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const valuesOf = (schema: z.ZodType) => [
  ...((schema as unknown as { _zod: { values: Set<unknown> } })._zod.values ?? []),
];

const junk = fc.jsonValue({ maxDepth: 2 });
// Strings with astral characters and lone surrogates: zod counts lengths in code points.
const text = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.string({ unit: "binary", maxLength: 4 }),
  fc.constant(""),
);

/**
 * JSON values shaped by a schema: mostly what it accepts, with absent keys, unknown keys, wrong
 * types and boundary lengths mixed in, so that both verdicts are well exercised.
 */
function arbitrary(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const shaped = ((): fc.Arbitrary<unknown> => {
    switch (def.type) {
      case "string":
        return text;
      case "number":
        return fc.oneof(
          fc.integer({ min: -3, max: 3 }),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.constant(2 ** 60),
        );
      case "boolean":
        return fc.boolean();
      case "enum":
      case "literal":
        return fc.constantFrom(...valuesOf(schema));
      case "optional":
      case "default":
      case "nullable":
        return fc.oneof(arbitrary(def.innerType!, depth), fc.constant(null), fc.constant(undefined));
      case "array":
        return fc.array(arbitrary(def.element!, depth + 1), { maxLength: depth > 3 ? 1 : 3 });
      case "union":
        return fc.oneof(...def.options!.map((option) => arbitrary(option, depth)));
      case "pipe":
        return fc.oneof(arbitrary(def.in!, depth), arbitrary(def.out!, depth));
      case "record":
        return fc.dictionary(fc.string({ maxLength: 3 }), arbitrary(def.valueType!, depth + 1), {
          maxKeys: 2,
        });
      case "object": {
        const fields = Object.fromEntries(
          Object.entries(def.shape!).map(([key, field]) => [key, arbitrary(field, depth + 1)]),
        );
        return fc
          .tuple(
            fc.record(fields, { requiredKeys: [] }),
            fc.dictionary(fc.constantFrom("extra", "x_new_field", "__proto__", "id"), junk, { maxKeys: 2 }),
          )
          .map(([known, extra]) => ({ ...extra, ...known }));
      }
      default:
        return junk;
    }
  })();
  // Now and then anything at all in place of the expected value.
  return fc.oneof({ arbitrary: shaped, weight: 12 }, { arbitrary: junk, weight: 1 });
}

/** A JSON value exactly as `JSON.parse` would hand it over (no undefined, own `__proto__` keys kept). */
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value ?? null));

function agreesWithZod(schema: z.ZodType, json: string) {
  const expected = schema.safeParse(JSON.parse(json));
  const input = JSON.parse(json);
  const actual = compileSchema(schema)(input);
  if (!expected.success) {
    expect(actual).toBe(INVALID);
    // A rejected value is left exactly as it was: no defaults half-written into it.
    expect(JSON.stringify(input)).toBe(json);
  } else if (actual === INVALID) {
    // The one valid input left to zod: an own `__proto__` key, which zod drops from its copy.
    expect(json).toContain('"__proto__"');
  } else {
    expect(actual).toStrictEqual(expected.data);
  }
}

/** What the caller of a copying validator may pass: any value, keys set to `undefined` included. */
function agreesWithZodAsCopy(schema: z.ZodType, value: unknown) {
  const expected = schema.safeParse(structuredClone(value));
  const input = structuredClone(value);
  const before = structuredClone(value);
  const actual = compileSchema(schema, { copy: true })(input);
  // The caller's value is never written to.
  expect(input).toStrictEqual(before);
  if (!expected.success) expect(actual).toBe(INVALID);
  else {
    expect(actual).not.toBe(INVALID);
    expect(actual).toStrictEqual(expected.data);
    // Same key order as zod's output.
    expect(JSON.stringify(actual)).toBe(JSON.stringify(expected.data));
  }
}

describe("compiled response validation agrees with zod", () => {
  const endpoints = Object.values(contract).flatMap((domain) => Object.values(domain));

  it("on random JSON shaped like every response of the contract", () => {
    let accepted = 0;
    let rejected = 0;
    for (const endpoint of endpoints) {
      fc.assert(
        fc.property(arbitrary(endpoint.response), (value) => {
          const json = JSON.stringify(asJson(value));
          if (endpoint.response.safeParse(JSON.parse(json)).success) accepted++;
          else rejected++;
          agreesWithZod(endpoint.response, json);
        }),
        { numRuns: 25 },
      );
    }
    // Both verdicts were exercised in earnest.
    expect(accepted).toBeGreaterThan(endpoints.length * 5);
    expect(rejected).toBeGreaterThan(endpoints.length * 2);
  }, 30_000);

  it("on the kinds and checks the contract does not use yet", () => {
    const schemas: z.ZodType[] = [
      z.object({ a: z.string(), b: z.number().optional() }),
      z.strictObject({ a: z.string().optional() }),
      z.looseObject({ n: z.number().int().gte(0).lt(10).nullable(), s: z.string().max(2) }),
      z.looseObject({
        s: z
          .string()
          .length(2)
          .regex(/^[a-z\u{1F600}]+$/u),
        k: z.literal(["x", 1]),
      }),
      z.looseObject({
        list: z.array(z.string()).min(1).max(2).default(["d"]),
        maybe: z.string().default("d").optional(),
      }),
      z.union([
        z.looseObject({ kind: z.literal("a"), v: z.string().transform((v) => v.length) }),
        z.looseObject({ v: z.string() }),
      ]),
      z.looseObject({
        when: z.int32().optional(),
        u: z.uint32().optional(),
        tags: z.record(z.string(), z.number()).optional(),
      }),
      z.looseObject({ email: z.email().optional(), piped: z.string().pipe(z.coerce.number()).optional() }),
      z.discriminatedUnion("t", [
        z.object({ t: z.literal("a"), x: z.string() }),
        z.object({ t: z.literal("b") }),
      ]),
      z.looseObject({
        nested: z.looseObject({ items: z.array(z.looseObject({ id: z.string().min(2) })).default([]) }),
      }),
    ];
    for (const schema of schemas) {
      fc.assert(
        fc.property(arbitrary(schema), (value) => {
          agreesWithZod(schema, JSON.stringify(asJson(value)));
          agreesWithZodAsCopy(schema, value);
        }),
        { numRuns: 300 },
      );
    }
  }, 30_000);

  it("as a copy, on random input to every request part of the contract, never touching the input", () => {
    const parts = endpoints.flatMap((endpoint) =>
      endpoint.multipart
        ? [endpoint.params, endpoint.query]
        : [endpoint.params, endpoint.query, endpoint.body],
    );
    let accepted = 0;
    for (const schema of parts) {
      fc.assert(
        fc.property(arbitrary(schema), (value) => {
          if (schema.safeParse(structuredClone(value)).success) accepted++;
          agreesWithZodAsCopy(schema, value);
        }),
        { numRuns: 15 },
      );
    }
    expect(accepted).toBeGreaterThan(parts.length * 3);
  }, 30_000);

  it("fills defaults with fresh values, keeps unknown fields, and leaves absent optionals absent", () => {
    const schema = z.looseObject({
      items: z.array(z.string()).default([]),
      note: z.string().optional(),
      inner: z.looseObject({ tags: z.array(z.string()).default([]) }),
    });
    const validate = compileSchema(schema);
    const first = validate(JSON.parse('{"inner":{"x":1},"later_field":{"a":[1]}}')) as Record<
      string,
      unknown
    >;
    const second = validate(JSON.parse('{"inner":{}}')) as Record<string, unknown>;
    expect(first).toStrictEqual({ items: [], inner: { tags: [], x: 1 }, later_field: { a: [1] } });
    expect("note" in first).toBe(false);
    expect(first.items).not.toBe(second.items);
  });

  it("rejects without changing anything when a later field fails", () => {
    const schema = z.looseObject({ a: z.array(z.string()).default([]), b: z.string() });
    const input = JSON.parse('{"b":7}');
    expect(compileSchema(schema)(input)).toBe(INVALID);
    expect(input).toStrictEqual({ b: 7 });
  });

  it("runs transforms as zod does, an issue they add rejecting the value", () => {
    const schema = z.looseObject({
      tags: z.preprocess((value, ctx) => {
        if (value === "bad") ctx.addIssue({ code: "custom", message: "no" });
        return typeof value === "string" ? value.split(",") : value;
      }, z.array(z.string()).max(2)),
    });
    for (const copy of [false, true]) {
      const validate = compileSchema(schema, { copy });
      expect(validate({ tags: "a,b" })).toStrictEqual({ tags: ["a", "b"] });
      expect(validate({ tags: "bad" })).toBe(INVALID);
      expect(validate({ tags: "a,b,c" })).toBe(INVALID);
    }
    expect(schema.safeParse({ tags: "bad" }).success).toBe(false);
  });

  it("counts string lengths in code points, as zod does", () => {
    const validate = compileSchema(z.string().min(2).max(2));
    expect(validate("\u{1F600}\u{1F600}")).toBe("\u{1F600}\u{1F600}");
    expect(validate("\u{1F600}")).toBe(INVALID);
    expect(validate("\uD800a")).toBe("\uD800a");
  });
});
