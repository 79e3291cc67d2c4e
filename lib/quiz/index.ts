/**
 * The quiz engine: pure and isomorphic (no database, no env, no React). Items hold the answer key,
 * so grading, presenting and reviewing run on the server; only `PublicQuizItem`s and, after submit,
 * `ReviewItem`s may be sent to a browser.
 */
export * from "./types";
export * from "./responses";
export * from "./scoring";
export * from "./grade";
export * from "./random";
export * from "./keys";
export * from "./present";
export * from "./review";
export * from "./timing";
export * from "./mistakes";
export * from "./schedule";
export * from "./leaks";
