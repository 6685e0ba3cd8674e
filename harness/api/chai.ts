// tierprobe/chai: the chai plugin alone, as the default export too (chai.use(tierprobe)).
import { tierprobeChai } from './chai-plugin.ts';

export { tierprobeChai };
export default tierprobeChai;
