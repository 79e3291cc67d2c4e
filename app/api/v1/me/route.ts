import { apiRoute } from "@/server/api/handler";
import { DeleteAccountSchema, deleteAccount, getMe } from "@/server/data/account";

const noStore = { "Cache-Control": "no-store" };

// GET /api/v1/me — whose session or token this is.
export const GET = apiRoute({ body: null, auth: true }, async ({ viewer }) =>
  Response.json({ user: await getMe(viewer) }, { headers: noStore }),
);

// DELETE /api/v1/me — delete the account and all its data. Body: { confirm: "<the account's email>" }.
export const DELETE = apiRoute({ body: DeleteAccountSchema, auth: true }, async ({ viewer, body }) => {
  return Response.json(await deleteAccount(viewer, body), { headers: noStore });
});
