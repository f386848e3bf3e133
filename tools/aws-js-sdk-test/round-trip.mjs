// Runs create-collection -> index -> search -> list -> delete against a Rekognition endpoint with the official
// AWS SDK for JavaScript v3, asserting each answer, and prints a JSON summary for the calling test.
// Usage: node round-trip.mjs --endpoint URL --region R --access-key-id ID --secret-access-key S \
//          --collection NAME --enrol PHOTO --other PHOTO --probe PHOTO
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  RekognitionClient, CreateCollectionCommand, DescribeCollectionCommand, IndexFacesCommand, SearchFacesByImageCommand,
  ListFacesCommand, DeleteFacesCommand, DeleteCollectionCommand, ResourceNotFoundException,
} from "@aws-sdk/client-rekognition";

const option = { type: "string" };
const { values: args } = parseArgs({
  options: {
    endpoint: option, region: option, "access-key-id": option, "secret-access-key": option,
    collection: option, enrol: option, other: option, probe: option,
  },
});
for (const [name, value] of Object.entries(args)) assert.ok(value, `--${name} is required`);

const client = new RekognitionClient({
  endpoint: args.endpoint,
  region: args.region,
  credentials: { accessKeyId: args["access-key-id"], secretAccessKey: args["secret-access-key"] },
  maxAttempts: 1,
});
const CollectionId = args.collection;
const image = async (path) => ({ Bytes: new Uint8Array(await readFile(path)) });

const created = await client.send(new CreateCollectionCommand({ CollectionId }));
assert.equal(created.StatusCode, 200);

const enrolled = await client.send(new IndexFacesCommand({
  CollectionId, Image: await image(args.enrol), ExternalImageId: "person-1", MaxFaces: 1, QualityFilter: "NONE",
}));
assert.equal(enrolled.FaceRecords.length, 1);
const other = await client.send(new IndexFacesCommand({
  CollectionId, Image: await image(args.other), ExternalImageId: "person-2", MaxFaces: 1, QualityFilter: "NONE",
}));
assert.equal(other.FaceRecords.length, 1);

const described = await client.send(new DescribeCollectionCommand({ CollectionId }));
assert.equal(described.FaceCount, 2);
assert.ok(described.CreationTimestamp instanceof Date, "CreationTimestamp parses as a date");

const search = await client.send(new SearchFacesByImageCommand({ CollectionId, Image: await image(args.probe), MaxFaces: 5 }));
assert.equal(search.FaceMatches[0]?.Face.ExternalImageId, "person-1");

const listed = await client.send(new ListFacesCommand({ CollectionId, MaxResults: 10 }));
assert.deepEqual(listed.Faces.map((f) => f.ExternalImageId).sort(), ["person-1", "person-2"]);

const deleted = await client.send(new DeleteFacesCommand({ CollectionId, FaceIds: listed.Faces.map((f) => f.FaceId) }));
assert.equal(deleted.DeletedFaces.length, 2);

await client.send(new DeleteCollectionCommand({ CollectionId }));
const missing = await client.send(new DescribeCollectionCommand({ CollectionId })).catch((error) => error);
assert.ok(missing instanceof ResourceNotFoundException, `expected ResourceNotFoundException, got ${missing?.name}`);

console.log(JSON.stringify({
  createdArn: created.CollectionArn,
  indexedFaceId: enrolled.FaceRecords[0].Face.FaceId,
  bestMatch: { externalImageId: search.FaceMatches[0].Face.ExternalImageId, similarity: search.FaceMatches[0].Similarity },
  searchedFaceConfidence: search.SearchedFaceConfidence,
  listed: listed.Faces.length,
  deleted: deleted.DeletedFaces.length,
  afterDelete: missing.name,
  requestId: missing.$metadata?.requestId,
}));
