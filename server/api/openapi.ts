import "server-only";
import { z } from "zod";
import { SaveAnswersSchema, SelfGradeSchema, StartAttemptSchema, SubmitAttemptSchema } from "@/lib/schemas/attempt";
import { ResponseSchema } from "@/lib/quiz";
import { QuestionQuerySchema } from "@/lib/content/filters";

const QUERY_DESCRIPTIONS = {
  q: "Text search over titles, questions, answers and tags (typo-tolerant, ranked).",
  topic: "Only this topic.",
  tag: "Only questions with this tag.",
  difficulty: "Only this difficulty.",
  role: "Only this role.",
} as const;

/** The OpenAPI 3.1 description of /api/v1. Request bodies come from the same zod schemas the handlers validate with. */
export function openApiDocument() {
  const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });
  const json = (s: z.ZodType) => ({ required: true, content: { "application/json": { schema: schema(s) } } });
  const error = { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  const errors = { "400": error, "401": error, "404": error, "409": error, "413": error };
  const ok = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
  const idParam = [{ name: "id", in: "path", required: true, schema: { type: "string" } }];
  return {
    openapi: "3.1.0",
    info: {
      title: "Layerwise API",
      version: "1.0.0",
      description:
        "Questions, quiz attempts and grading. Authenticate with the session cookie or `Authorization: Bearer lw_…` (create a token under /settings/tokens). Answer keys are never returned before an attempt is submitted.",
    },
    servers: [{ url: "/api/v1" }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" }, cookie: { type: "apiKey", in: "cookie", name: "authjs.session-token" } },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: { error: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" }, fields: { type: "object", additionalProperties: { type: "string" } } } } },
        },
        Response: schema(ResponseSchema),
      },
    },
    security: [{ bearer: [] }, { cookie: [] }],
    paths: {
      "/questions": {
        get: {
          summary: "List questions, searched and filtered as on /questions",
          description: "With `q`, results are ranked by the same typo-tolerant search as the page; the filters narrow either list. A bad value is a 400.",
          security: [],
          parameters: (["q", "topic", "tag", "difficulty", "role"] as const).map((name) => ({
            name,
            in: "query",
            required: false,
            description: QUERY_DESCRIPTIONS[name],
            schema: schema(QuestionQuerySchema.shape[name].unwrap()),
          })),
          responses: { "200": ok("{ questions: QuestionSummary[] }"), "400": error, "401": error },
        },
      },
      "/questions/{slug}": {
        get: { summary: "One question with its answer and explanations", security: [], parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string" } }], responses: { "200": ok("{ question }"), "404": error } },
      },
      "/attempts": {
        post: {
          summary: "Start an attempt (or get the one in progress)",
          description: "Items and options are always shuffled (seeded per attempt); `shuffle` accepts only `true` and is kept for older clients.",
          requestBody: json(StartAttemptSchema),
          responses: { "201": ok("{ attempt }"), ...errors },
        },
      },
      "/attempts/{id}": { get: { summary: "An attempt in progress, or its graded review once submitted", parameters: idParam, responses: { "200": ok("{ attempt } | { result }"), ...errors } } },
      "/attempts/{id}/answers": {
        put: { summary: "Save answers (compare-and-set on version)", parameters: idParam, requestBody: json(SaveAnswersSchema), responses: { "200": ok("{ version }"), ...errors } },
      },
      "/attempts/{id}/submit": {
        post: {
          summary: "Submit and grade (idempotent; compare-and-set on version)",
          description: "Send the `version` the last save returned: a stale version is a 409 and grades nothing. A repeat after success returns the same result.",
          parameters: idParam, requestBody: json(SubmitAttemptSchema),
          responses: { "200": ok("{ result }"), ...errors },
        },
      },
      "/attempts/{id}/self-grade": {
        post: { summary: "Self-grade a free-text answer after submit (once per item)", parameters: idParam, requestBody: json(SelfGradeSchema), responses: { "200": ok("{ result }"), ...errors } },
      },
    },
  };
}
