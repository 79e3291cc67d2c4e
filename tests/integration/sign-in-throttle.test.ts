import { expect, it } from "vitest";
import {
  PER_ACCOUNT_CLIENT,
  PER_ACCOUNT_UNKNOWN,
  PER_DEVICE,
  clearSignInFailures,
  knownDeviceCookie,
  knownDeviceId,
  throttleSignIn,
  type SignInClient,
} from "@/server/sign-in-throttle";
import { describeEachDatabase } from "./support/databases";

// Decision 014: brute-force protection that a stranger cannot turn into a lock on someone else's account.
describeEachDatabase("sign-in throttle", () => {
  const SECRET = "s".repeat(40);
  const CLIENT_LIMIT = 10_000; // the per-address limit is tested on its own below
  let n = 0;
  const account = () => `victim${++n}-${Date.now()}@throttle.test`;
  const stranger = (i = 0): SignInClient => ({ ip: `203.0.113.${i % 250}`, deviceId: null });
  const ownerDevice = (email: string): SignInClient => {
    const id = knownDeviceId(SECRET, email, knownDeviceCookie(SECRET, email));
    expect(id).not.toBeNull();
    return { ip: "198.51.100.7", deviceId: id };
  };
  const attempts = async (email: string, client: SignInClient, count: number, limit = CLIENT_LIMIT) => {
    const out = [];
    for (let i = 0; i < count; i++) out.push(await throttleSignIn(email, client, limit));
    return out;
  };

  it("fifty failures from one stranger stop that stranger at attempt 11, not the owner's known browser nor a new one", async () => {
    const email = account();
    const verdicts = await attempts(email, stranger(1), 50);
    expect(verdicts.slice(0, PER_ACCOUNT_CLIENT).every((v) => v.allowed)).toBe(true);
    expect(verdicts.slice(PER_ACCOUNT_CLIENT).every((v) => !v.allowed && v.scope === "account-client")).toBe(true);
    expect(await throttleSignIn(email, ownerDevice(email), CLIENT_LIMIT)).toEqual({ allowed: true });
    expect(await throttleSignIn(email, stranger(2), CLIENT_LIMIT)).toEqual({ allowed: true }); // the owner on a new browser elsewhere
  });

  it("a distributed attack (one guess per address) slows only unknown clients; the known browser still signs in", async () => {
    const email = account();
    for (let i = 0; i < PER_ACCOUNT_UNKNOWN; i++)
      await throttleSignIn(email, { ip: `10.0.${i >> 8}.${i & 255}`, deviceId: null }, CLIENT_LIMIT);
    const fresh = await throttleSignIn(email, { ip: "192.0.2.200", deviceId: null }, CLIENT_LIMIT);
    expect(fresh).toMatchObject({ allowed: false, scope: "account" });
    expect(await throttleSignIn(email, ownerDevice(email), CLIENT_LIMIT)).toEqual({ allowed: true });
  });

  it("a known browser's own failures still count: it is slowed after its own tenth, and the right password clears them", async () => {
    const email = account();
    const device = ownerDevice(email);
    const verdicts = await attempts(email, device, PER_DEVICE + 1);
    expect(verdicts.at(-1)).toMatchObject({ allowed: false, scope: "device" });
    await clearSignInFailures(email, device);
    expect(await throttleSignIn(email, device, CLIENT_LIMIT)).toEqual({ allowed: true });
  });

  it("one address guessing across many accounts is stopped by the per-client limit", async () => {
    const client = stranger(77);
    const verdicts = [];
    for (let i = 0; i < 6; i++) verdicts.push(await throttleSignIn(account(), client, 5));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, true, true, false]);
    expect(verdicts.at(-1)).toMatchObject({ scope: "client" });
  });

  it("answers the same whether or not the account exists (no enumeration: nothing here reads the users table)", async () => {
    // The throttle keys on the typed email only; the sequence for a real and an unknown address is identical.
    const a = (await attempts(account(), stranger(90), 12)).map((v) => v.allowed);
    const b = (await attempts("nobody-at-all@throttle.test", stranger(91), 12)).map((v) => v.allowed);
    expect(a).toEqual(b);
  });

  it("a known-device cookie cannot be forged or moved to another account", () => {
    const cookie = knownDeviceCookie(SECRET, "a@x.test");
    expect(knownDeviceId(SECRET, "a@x.test", cookie)).not.toBeNull();
    expect(knownDeviceId(SECRET, "b@x.test", cookie)).toBeNull();
    expect(knownDeviceId("t".repeat(40), "a@x.test", cookie)).toBeNull();
    const [id, sig] = cookie.split(".");
    expect(knownDeviceId(SECRET, "a@x.test", `${id}.${sig!.slice(0, -1)}${sig!.endsWith("A") ? "B" : "A"}`)).toBeNull();
    for (const junk of [undefined, "", "x.y", `${id}.`, "\u0000"]) expect(knownDeviceId(SECRET, "a@x.test", junk)).toBeNull();
  });
});
