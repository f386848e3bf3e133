// Starts s3rver (an S3-compatible server from npm) on 127.0.0.1 with one bucket for the S3 object-store tests,
// prints {"port":N} once listening, and stops when its standard input closes (the test process ends it).
// The bucket has the CORS rule README.md's On AWS section asks for (a browser's form POST), open to any origin.
// Usage: node s3-server.mjs --directory DIR --bucket NAME
import { parseArgs } from "node:util";
import S3rver from "s3rver";

const { values: args } = parseArgs({ options: { directory: { type: "string" }, bucket: { type: "string" } } });
if (!args.directory || !args.bucket) throw new Error("--directory and --bucket are required");

const cors = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>POST</AllowedMethod>
<AllowedHeader>Content-Type</AllowedHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

const server = new S3rver({
  address: "127.0.0.1",
  port: 0,
  silent: true,
  directory: args.directory,
  configureBuckets: [{ name: args.bucket, configs: [cors] }],
});
const { port } = await server.run();
console.log(JSON.stringify({ port }));

process.stdin.resume();
process.stdin.on("end", async () => {
  await server.close();
  process.exit(0);
});
