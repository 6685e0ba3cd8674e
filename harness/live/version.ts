// tierprobe's own version, for versions.json.
import pkg from '../../package.json' with { type: 'json' };

export const tierprobeVersion: string = pkg.version;
