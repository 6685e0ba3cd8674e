// run.log: every progress line a run wrote, kept while it goes to the terminal, so the bundle
// holds what the person saw.
export interface RunLog {
  /** Writes to the terminal and keeps the text. */
  write: (text: string) => void;
  text: () => string;
}

export function teeRunLog(terminal: (text: string) => void): RunLog {
  const chunks: string[] = [];
  return {
    write: (text) => {
      terminal(text);
      chunks.push(text);
    },
    text: () => chunks.join(''),
  };
}
