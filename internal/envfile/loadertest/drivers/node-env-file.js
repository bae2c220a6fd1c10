// Run as `node --env-file=FILE node-env-file.js` with an empty environment:
// everything in process.env then came from FILE, as Node's own loader read
// it. Prints it as a JSON object.
process.stdout.write(JSON.stringify(process.env));
