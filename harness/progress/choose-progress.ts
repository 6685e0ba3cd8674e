// Bars when a person watches a terminal; plain lines under CI, in a pipe, a file or a dumb terminal.
export function wantsBars(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (stream.isTTY !== true) return false;
  if (env['CI'] !== undefined && env['CI'] !== '' && env['CI'] !== 'false' && env['CI'] !== '0') return false;
  if (env['TERM'] === 'dumb' || env['TIERPROBE_PROGRESS'] === 'lines') return false;
  return true;
}
