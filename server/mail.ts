import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/server/env";

/**
 * Outgoing mail through the SMTP server named by SMTP_URL (nodemailer). One transport per process.
 * Without SMTP_URL nothing is sent and the features that need mail say they are not available.
 */
let transport: Transporter | undefined;

export function mailConfigured(): boolean {
  return Boolean(env().SMTP_URL);
}

export async function sendMail(message: { to: string; subject: string; text: string }): Promise<void> {
  const url = env().SMTP_URL;
  if (!url) throw new Error("SMTP_URL is not set");
  transport ??= nodemailer.createTransport(url);
  await transport.sendMail({ from: env().MAIL_FROM, ...message });
}
