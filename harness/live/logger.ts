// Progress messages from the live runner; the CLI decides where they go.
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined };

/** A logger writing one line per message to a text sink (the CLI's stderr). */
export function lineLogger(write: (text: string) => void): Logger {
  return {
    info: (m) => write(`${m}\n`),
    warn: (m) => write(`warning: ${m}\n`),
  };
}
