// A plain Node child process is not a React Server environment: let "server-only" modules load, as jest does.
import Module from "node:module";

const resolved = require.resolve("server-only");
const stub = new Module(resolved);
stub.loaded = true;
stub.exports = {};
require.cache[resolved] = stub;
