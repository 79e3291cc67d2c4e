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
import { CreateSetSchema, ImportSetSchema, UpdateSetSchema } from "@/server/data/sets";
import { DeleteAccountSchema } from "@/server/data/account";
import {
  AddInstructorSchema,
  CreateAssignmentSchema,
  CreateCohortSchema,
  CreateInviteSchema,
  ExtraTimeSchema,
  JoinCodeSchema,
  SubmitChallengeSchema,
} from "@/lib/schemas/cohorts";

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
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        cookie: { type: "apiKey", in: "cookie", name: "authjs.session-token" },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string" },
                message: { type: "string" },
                fields: { type: "object", additionalProperties: { type: "string" } },
              },
            },
          },
        },
        Response: schema(ResponseSchema),
      },
    },
    security: [{ bearer: [] }, { cookie: [] }],
    paths: {
      "/questions": {
        get: {
          summary: "List questions, searched and filtered as on /questions",
          description:
            "With `q`, results are ranked by the same typo-tolerant search as the page; the filters narrow either list. A bad value is a 400.",
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
        get: {
          summary: "One question with its answer and explanations",
          security: [],
          parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": ok("{ question }"), "404": error },
        },
      },
      "/attempts": {
        post: {
          summary: "Start an attempt (or get the one in progress)",
          description:
            "Items and options are always shuffled (seeded per attempt); `shuffle` accepts only `true` and is kept for older clients.",
          requestBody: json(StartAttemptSchema),
          responses: { "201": ok("{ attempt }"), ...errors },
        },
      },
      "/attempts/{id}": {
        get: {
          summary: "An attempt in progress, or its graded review once submitted",
          parameters: idParam,
          responses: { "200": ok("{ attempt } | { result }"), ...errors },
        },
      },
      "/attempts/{id}/answers": {
        put: {
          summary: "Save answers (compare-and-set on version)",
          parameters: idParam,
          requestBody: json(SaveAnswersSchema),
          responses: { "200": ok("{ version }"), ...errors },
        },
      },
      "/attempts/{id}/submit": {
        post: {
          summary: "Submit and grade (idempotent; compare-and-set on version)",
          description:
            "Send the `version` the last save returned: a stale version is a 409 and grades nothing. A repeat after success returns the same result.",
          parameters: idParam,
          requestBody: json(SubmitAttemptSchema),
          responses: { "200": ok("{ result }"), ...errors },
        },
      },
      "/sets": {
        get: { summary: "The sets you own or view", responses: { "200": ok("{ sets: SetSummary[] }"), ...errors } },
        post: {
          summary: "Create a set from bank picks and/or your own items, with its settings",
          requestBody: json(CreateSetSchema),
          responses: { "201": ok("{ set }"), ...errors },
        },
      },
      "/sets/import": {
        post: {
          summary:
            "Create a set from a GIFT or Layerwise Markdown file; returns the set and the import report (skipped and changed questions with their lines)",
          parameters: [
            {
              name: "format",
              in: "query",
              required: false,
              description: "With a text/plain or text/markdown body (bearer token only): gift or markdown",
              schema: { type: "string", enum: ["gift", "markdown"] },
            },
            { name: "title", in: "query", required: false, schema: { type: "string" } },
          ],
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: schema(ImportSetSchema) },
              "text/plain": { schema: { type: "string" } },
              "text/markdown": { schema: { type: "string" } },
            },
          },
          responses: { "201": ok("{ set, report }"), ...errors, "413": error, "415": error },
        },
      },
      "/sets/{id}": {
        get: {
          summary: "A set with its items (and answer key) and settings: owners and viewers only",
          parameters: idParam,
          responses: { "200": ok("{ set }"), ...errors },
        },
        patch: {
          summary: "Change a set's title, items or settings (started attempts keep their snapshot)",
          parameters: idParam,
          requestBody: json(UpdateSetSchema),
          responses: { "200": ok("{ set }"), ...errors },
        },
        delete: {
          summary: "Delete a set, its share link and results",
          parameters: idParam,
          responses: { "200": ok("{ deleted: true }"), ...errors },
        },
      },
      "/sets/{id}/share-link": {
        post: {
          summary: "Make the set's one share link, revoking any earlier one; the URL is returned only in this response",
          parameters: idParam,
          responses: { "201": ok("{ url, linkId, createdAt }"), ...errors },
        },
        delete: {
          summary: "Revoke the share link: its next use is refused",
          parameters: idParam,
          responses: { "200": ok("{ revoked: number }"), ...errors },
        },
      },
      "/sets/{id}/results": {
        get: {
          summary: "Every candidate's score, time, answers next to the key and lab runs; per-item share right and most-chosen wrong answer",
          parameters: idParam,
          responses: { "200": ok("{ results }"), ...errors },
        },
      },
      "/sets/{id}/results.csv": {
        get: {
          summary: "The results as RFC 4180 CSV (cells starting with = + - @ tab CR neutralised)",
          parameters: idParam,
          responses: { "200": { description: "CSV", content: { "text/csv": { schema: { type: "string" } } } }, ...errors },
        },
      },
      "/sets/{id}/export": {
        get: {
          summary: "The set's items as a GIFT or Layerwise Markdown file",
          parameters: [...idParam, { name: "format", in: "query", required: true, schema: { type: "string", enum: ["gift", "markdown"] } }],
          responses: {
            "200": {
              description: "The file",
              content: { "text/plain": { schema: { type: "string" } }, "text/markdown": { schema: { type: "string" } } },
            },
            ...errors,
          },
        },
      },
      "/cohorts": {
        get: {
          summary: "The cohorts you belong to, with your role in each",
          responses: { "200": ok("{ cohorts: CohortSummary[] }"), ...errors },
        },
        post: {
          summary: "Create a cohort (you become its owner)",
          requestBody: json(CreateCohortSchema),
          responses: { "201": ok("{ cohort }"), ...errors },
        },
      },
      "/cohorts/join": {
        post: {
          summary: "Join a cohort as a student with an invite's short code (unknown codes are rate-limited: 429 with Retry-After)",
          requestBody: json(JoinCodeSchema),
          responses: { "200": ok("{ cohortId }"), ...errors, "429": error },
        },
      },
      "/cohorts/{id}": {
        get: {
          summary: "A cohort and its members (a student sees the staff and themselves): members only",
          parameters: idParam,
          responses: { "200": ok("{ cohort }"), ...errors },
        },
      },
      "/cohorts/{id}/invites": {
        get: {
          summary: "The cohort's invites (without their tokens or codes): owner and instructors",
          parameters: idParam,
          responses: { "200": ok("{ invites }"), ...errors },
        },
        post: {
          summary: "Make an invite: a join link and a short code, returned only in this response (optional expiry and use limit)",
          parameters: idParam,
          requestBody: json(CreateInviteSchema),
          responses: { "201": ok("{ url, code, invite }"), ...errors },
        },
      },
      "/cohorts/{id}/invites/{inviteId}": {
        delete: {
          summary: "Revoke an invite: its link and code admit nobody from the next request on",
          parameters: [...idParam, { name: "inviteId", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": ok("{ revoked: true }"), ...errors },
        },
      },
      "/cohorts/{id}/members": {
        post: {
          summary: "Make an existing account an instructor of the cohort (owner only)",
          parameters: idParam,
          requestBody: json(AddInstructorSchema),
          responses: { "201": ok("{ member }"), ...errors },
        },
      },
      "/cohorts/{id}/members/{userId}": {
        delete: {
          summary: "Remove a member: a student (owner or instructor), anyone else (owner); effective on their next request",
          parameters: [...idParam, { name: "userId", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": ok("{ removed: true }"), ...errors },
        },
      },
      "/cohorts/{id}/assignments": {
        get: {
          summary: "The cohort's assignments by due date; a student also gets their own status and late mark",
          parameters: idParam,
          responses: { "200": ok("{ assignments }"), ...errors },
        },
        post: {
          summary: "Assign a question set (its settings apply) or a lab challenge, with a due date: owner and instructors",
          parameters: idParam,
          requestBody: json(CreateAssignmentSchema),
          responses: { "201": ok("{ assignment }"), ...errors },
        },
      },
      "/cohorts/{id}/assignments/{assignmentId}/submissions": {
        get: {
          summary: "Your own submissions to a lab challenge, newest first",
          parameters: [...idParam, { name: "assignmentId", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": ok("{ submissions }"), ...errors },
        },
        post: {
          summary:
            "Submit lab settings to a challenge (students): the server re-runs them headless and grades its own numbers; claimed numbers are ignored",
          parameters: [...idParam, { name: "assignmentId", in: "path", required: true, schema: { type: "string" } }],
          requestBody: json(SubmitChallengeSchema),
          responses: { "201": ok("{ submission }"), ...errors },
        },
      },
      "/cohorts/{id}/assignments/{assignmentId}/attempts": {
        post: {
          summary: "Start (or resume) your attempt at a set assignment (students); the set's settings apply, plus any extra time granted",
          parameters: [...idParam, { name: "assignmentId", in: "path", required: true, schema: { type: "string" } }],
          responses: { "201": ok("{ attempt }"), ...errors },
        },
      },
      "/cohorts/{id}/assignments/{assignmentId}/attempts/{attemptId}": {
        get: {
          summary: "Your attempt at a set assignment (no answer key before submit)",
          parameters: [
            ...idParam,
            { name: "assignmentId", in: "path", required: true, schema: { type: "string" } },
            { name: "attemptId", in: "path", required: true, schema: { type: "string" } },
          ],
          responses: { "200": ok("{ attempt }"), ...errors },
        },
        put: {
          summary: "Save answers (compare-and-set on the version: a stale tab gets 409)",
          parameters: [
            ...idParam,
            { name: "assignmentId", in: "path", required: true, schema: { type: "string" } },
            { name: "attemptId", in: "path", required: true, schema: { type: "string" } },
          ],
          requestBody: json(SaveAnswersSchema),
          responses: { "200": ok("{ version }"), ...errors },
        },
      },
      "/cohorts/{id}/assignments/{assignmentId}/attempts/{attemptId}/submit": {
        post: {
          summary: "Submit: graded on the server, marked late when after the due date; the set's review policy decides what is shown",
          parameters: [
            ...idParam,
            { name: "assignmentId", in: "path", required: true, schema: { type: "string" } },
            { name: "attemptId", in: "path", required: true, schema: { type: "string" } },
          ],
          requestBody: json(SubmitAttemptSchema),
          responses: { "200": ok("{ result }"), ...errors },
        },
      },
      "/cohorts/{id}/assignments/{assignmentId}/extra-time": {
        post: {
          summary: "Give one student extra minutes on a timed assignment (applies at once to an attempt in progress)",
          parameters: [...idParam, { name: "assignmentId", in: "path", required: true, schema: { type: "string" } }],
          requestBody: json(ExtraTimeSchema),
          responses: { "200": ok("{ extraTimeMs }"), ...errors },
        },
      },
      "/cohorts/{id}/dashboard": {
        get: {
          summary:
            "The cohort dashboard's numbers: completion per assignment, students × topics mastery, most-chosen wrong options with rationales, overdue work, lab runs and challenge results (a student gets only their own row)",
          parameters: idParam,
          responses: { "200": ok("{ dashboard }"), ...errors },
        },
      },
      "/cohorts/{id}/dashboard.csv": {
        get: {
          summary: "The dashboard as RFC 4180 CSV, one row per student (cells starting with = + - @ tab CR neutralised)",
          parameters: idParam,
          responses: { "200": { description: "CSV", content: { "text/csv": { schema: { type: "string" } } } }, ...errors },
        },
      },
      "/me": {
        get: {
          summary: "Whose session or token this is",
          responses: { "200": ok("{ user: { id, email, name, createdAt, interviewDate, hasPassword } }"), "401": error },
        },
        delete: {
          summary: "Delete the account and all its data (confirm with the account's email); its sessions and tokens end at once",
          requestBody: json(DeleteAccountSchema),
          responses: { "200": ok("{ deleted: true }"), ...errors },
        },
      },
      "/me/export": {
        get: {
          summary: "Everything stored about the caller, as JSON (no secrets)",
          responses: { "200": ok("the export document"), "401": error },
        },
      },
      "/attempts/{id}/self-grade": {
        post: {
          summary: "Self-grade a free-text answer after submit (once per item)",
          parameters: idParam,
          requestBody: json(SelfGradeSchema),
          responses: { "200": ok("{ result }"), ...errors },
        },
      },
    },
  };
}
