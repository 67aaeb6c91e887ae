import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline } from 'node:stream/promises';
import type { WebClient } from '@slack/web-api';
import { SlackUnavailable } from '../domain/errors';

/** The upload of one file's bytes may take this long before it is given up. */
const UPLOAD_TIMEOUT_MS = 120_000;

export interface FileOnDisk {
  path: string;
  filename: string;
  title: string;
  /** Where the file is shared: a channel or a direct message's id. */
  channelId: string;
}

/**
 * Uploads a file from disk and shares it in one conversation without holding it in memory: Slack's
 * three steps (files.getUploadURLExternal, the bytes to the URL it hands out, then
 * files.completeUploadExternal). WebClient.filesUploadV2 does the same but first reads the whole
 * file, path or stream alike, into one Buffer. Slack's upload URL takes the raw bytes of a POST.
 */
export async function uploadFromDisk(client: WebClient, file: FileOnDisk): Promise<void> {
  const { size } = await stat(file.path);
  const target = await client.files.getUploadURLExternal({ filename: file.filename, length: size });
  if (!target.upload_url || !target.file_id) {
    throw new SlackUnavailable('files.getUploadURLExternal answered without an upload URL', false);
  }
  await postFile(target.upload_url, file.path, size);
  await client.files.completeUploadExternal({
    files: [{ id: target.file_id, title: file.title }],
    channel_id: file.channelId,
  });
}

/** POSTs the file's bytes as a stream; resolves once the upload URL answers 200. */
function postFile(url: string, path: string, length: number): Promise<void> {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'content-length': length },
        timeout: UPLOAD_TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        res.once('error', reject);
        res.once('end', () =>
          res.statusCode === 200
            ? resolve()
            : reject(new SlackUnavailable(`the file upload answered HTTP ${res.statusCode}`, true)),
        );
      },
    );
    req.once('timeout', () => req.destroy(new SlackUnavailable('the file upload timed out', true)));
    pipeline(createReadStream(path), req).catch(reject);
  });
}
