/** Everything a person would read in a message or modal: its text and every text inside its blocks. */
export function allText(message: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') return;
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
      return;
    }
    if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') out.push(value);
        else walk(value);
      }
    }
  };
  walk(message);
  return out.join('\n');
}

/** The blocks of an acknowledgement body or a recorded call. */
export function blocksOf(message: unknown): unknown[] {
  const blocks = (message as { blocks?: unknown } | null)?.blocks;
  return Array.isArray(blocks) ? blocks : [];
}
