// node:stream/promises — promise forms of pipeline() and finished().
import { promises } from 'node:stream';

export const pipeline = promises.pipeline;
export const finished = promises.finished;
export default { pipeline, finished };
