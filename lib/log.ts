// Structured JSON logs (pino): the one logger of the web app, the worker
// (service "worker", set by lib/worker/main.ts), the runner and the services.
// Every API request logs one line with its request id, route, status and time.
// What a command says to a person (the CLI, npm start, db:* scripts) is not a
// log: it goes through lib/cli/io.ts (decision 0019); lint forbids console in lib/.
// Secrets never go in: the logger redacts authorization/cookie headers and
// any field named token, password or privateKey.
import pino from "pino";

const g = globalThis as unknown as { __runboardLog?: pino.Logger };

export function log(): pino.Logger {
  g.__runboardLog ??= pino({
    level: process.env.LOG_LEVEL || "info",
    base: { pid: process.pid, service: process.env.RUNBOARD_SERVICE ?? "web" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ["headers.authorization", "headers.cookie", "*.token", "*.password", "*.privateKey", "token", "password", "privateKey"],
      censor: "[redacted]",
    },
    formatters: { level: (label) => ({ level: label }) },
  });
  return g.__runboardLog;
}
