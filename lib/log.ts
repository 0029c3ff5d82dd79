// Structured JSON logs (pino) for the web app, the worker and the services.
// Every API request logs one line with its request id, route, status and time.
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
