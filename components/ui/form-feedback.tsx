// The small forms' shared parts: input and button classes, and the line that
// says what a submit did (an alert for an error, a status otherwise).
export const field = "rounded border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";
export const button = "rounded bg-zinc-900 px-3 py-1 text-sm text-white disabled:opacity-50 dark:bg-zinc-100 dark:text-zinc-900";

export type Message = { error: boolean; text: string } | null;

export function Feedback({ message }: { message: Message }) {
  if (!message) return null;
  return (
    <span role={message.error ? "alert" : "status"} className={`text-sm ${message.error ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}`}>
      {message.text}
    </span>
  );
}
