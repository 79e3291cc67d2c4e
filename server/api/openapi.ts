import "server-only";
import { z } from "zod";
import { SaveAnswersSchema, SelfGradeSchema, StartAttemptSchema, SubmitAttemptSchema } from "@/server/data/attempts";
import { ResponseSchema } from "@/lib/quiz";
import { DeleteAccountSchema } from "@/server/data/account";

/** The OpenAPI 3.1 description of /api/v1. Request bodies come from the same zod schemas the handlers validate with. */
export function openApiDocument() {
  const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });
  const json = (s: z.ZodType) => ({ required: true, content: { "application/json": { schema: schema(s) } } });
  const error = { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  const errors = { "400": error, "401": error, "404": error, "409": error };
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
      "/questions": { get: { summary: "List questions", security: [], responses: { "200": ok("{ questions: QuestionSummary[] }") } } },
      "/questions/{slug}": {
        get: { summary: "One question with its answer and explanations", security: [], parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string" } }], responses: { "200": ok("{ question }"), "404": error } },
      },
      "/attempts": { post: { summary: "Start an attempt (or get the one in progress)", requestBody: json(StartAttemptSchema), responses: { "201": ok("{ attempt }"), ...errors } } },
      "/attempts/{id}": { get: { summary: "An attempt in progress, or its graded review once submitted", parameters: idParam, responses: { "200": ok("{ attempt } | { result }"), ...errors } } },
      "/attempts/{id}/answers": {
        put: { summary: "Save answers (compare-and-set on version)", parameters: idParam, requestBody: json(SaveAnswersSchema), responses: { "200": ok("{ version }"), ...errors } },
      },
      "/attempts/{id}/submit": { post: { summary: "Submit and grade (idempotent)", parameters: idParam, requestBody: json(SubmitAttemptSchema), responses: { "200": ok("{ result }"), ...errors } } },
      "/me": {
        get: { summary: "Whose session or token this is", responses: { "200": ok("{ user: { id, email, name, createdAt, interviewDate, hasPassword } }"), "401": error } },
        delete: {
          summary: "Delete the account and all its data (confirm with the account's email); its sessions and tokens end at once",
          requestBody: json(DeleteAccountSchema),
          responses: { "200": ok("{ deleted: true }"), ...errors },
        },
      },
      "/me/export": { get: { summary: "Everything stored about the caller, as JSON (no secrets)", responses: { "200": ok("the export document"), "401": error } } },
      "/attempts/{id}/self-grade": {
        post: { summary: "Self-grade a free-text answer after submit (once per item)", parameters: idParam, requestBody: json(SelfGradeSchema), responses: { "200": ok("{ result }"), ...errors } },
      },
    },
  };
}
