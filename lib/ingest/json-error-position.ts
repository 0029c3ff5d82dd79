// Where a text stops being valid JSON. Node 20's JSON.parse often names no
// position ("Unexpected token '}'"), and a 400 should say where the body broke.
/** Index of the first character where `text` stops being valid JSON (a syntax scan, no values built). */
export function jsonErrorPosition(text: string): number {
  const literal = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const str = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
  const wsRe = /[ \t\n\r]*/y;
  let i = 0;
  const ws = () => {
    wsRe.lastIndex = i;
    wsRe.test(text);
    i = wsRe.lastIndex;
  };
  const eat = (re: RegExp) => {
    re.lastIndex = i;
    if (!re.test(text)) return false;
    i = re.lastIndex;
    return true;
  };
  const key = () => {
    ws();
    if (!eat(str)) return false;
    ws();
    if (text[i] !== ":") return false;
    i++;
    return true;
  };
  // An explicit stack instead of recursion: deep nesting must not overflow the call stack.
  const stack: string[] = [];
  let expectValue = true;
  for (;;) {
    ws();
    if (expectValue) {
      const ch = text[i];
      if (ch === "{" || ch === "[") {
        const close = ch === "{" ? "}" : "]";
        i++;
        ws();
        if (text[i] === close) {
          i++;
          expectValue = false;
          continue;
        }
        if (close === "}" && !key()) return i;
        stack.push(close);
        continue;
      }
      if (!eat(ch === '"' ? str : literal)) return i;
      expectValue = false;
      continue;
    }
    if (stack.length === 0 || i >= text.length) return i;
    const close = stack[stack.length - 1];
    if (text[i] === close) {
      stack.pop();
      i++;
    } else if (text[i] === ",") {
      i++;
      if (close === "}" && !key()) return i;
      expectValue = true;
    } else return i;
  }
}
