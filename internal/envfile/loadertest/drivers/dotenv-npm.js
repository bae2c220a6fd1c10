// Prints, as a JSON array, what the npm "dotenv" package's parse() reads
// from each file named on the command line. parse is what dotenv.config()
// applies to the file it reads as UTF-8, without touching process.env.
const fs = require('fs');
const dotenv = require('dotenv');
const out = process.argv.slice(2).map((p) => dotenv.parse(fs.readFileSync(p, 'utf8')));
process.stdout.write(JSON.stringify(out));
