import { uploadUrlValid } from "../domain/import-jobs/jobs.ts";
import { readBody } from "../protocol/aws-json.ts";
import type { Route } from "./routes.ts";

/** AWS's limit on a user import file (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-using-import-tool-csv-header.html). */
const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/**
 * PUT /_import/<poolId>/<jobId>?X-Hushpool-Expires=…&X-Hushpool-Signature=…: the PreSignedUrl of a
 * user import job (docs/admin-users.md#user-import-jobs), standing in for Cognito's S3 URL. The
 * signed URL is the whole credential, as a pre-signed S3 URL is; other headers (AWS's example sends
 * `x-amz-server-side-encryption: aws:kms`) are ignored. Accepted only while the job is `Created`;
 * a second PUT replaces the first file. Answers 200 with an empty object.
 */
export const importUploadRoute: Route = {
  method: "PUT",
  path: /^\/_import\/([\w-]+_[0-9a-zA-Z]+)\/(import-[0-9a-zA-Z-]+)$/,
  async handle(m, url, services, req) {
    const poolId = m[1] ?? "";
    const jobId = m[2] ?? "";
    const now = services.clock.now();
    if (!uploadUrlValid(services.secrets, poolId, jobId, url.searchParams, now)) {
      req.resume();
      return { status: 403, body: { message: "The request signature is not valid or has expired." } };
    }
    const job = await services.store.importJobs.get(poolId, jobId);
    if (job?.status !== "Created") {
      req.resume();
      return { status: 409, body: { message: "The import job no longer accepts a file." } };
    }
    const body = await readBody(req, MAX_IMPORT_BYTES);
    const text = new TextDecoder("utf-8", { fatal: false }).decode(body);
    await services.store.importJobs.putFile(poolId, jobId, text, now);
    return { status: 200, body: {} };
  },
};
