// lib/devnet/_output.ts — one job: read a child's output stream line by line, to the end.

/**
 * Reads `stream` to its end, calling `onLine` for each complete line (and a final unterminated
 * one). Resolves with the last `tailChars` characters seen, for error reports.
 */
export async function readLines(
  stream: ReadableStream<Uint8Array>,
  onLine: (line: string) => void,
  tailChars = 4000,
): Promise<string> {
  const decoder = new TextDecoder();
  let pending = "";
  let tail = "";
  const emit = (text: string) => {
    tail = (tail + text).slice(-tailChars);
  };
  for await (const chunk of stream) {
    const text = decoder.decode(chunk, { stream: true });
    emit(text);
    pending += text;
    let nl = pending.indexOf("\n");
    while (nl !== -1) {
      onLine(pending.slice(0, nl).replace(/\r$/, ""));
      pending = pending.slice(nl + 1);
      nl = pending.indexOf("\n");
    }
  }
  const rest = pending + decoder.decode();
  if (rest.length > 0) onLine(rest);
  return tail;
}
