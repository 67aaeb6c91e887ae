import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { type ClientRequest, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline } from 'node:stream/promises';
import type { WebClient } from '@slack/web-api';
import { SlackUnavailable } from '../domain/errors';
import { send } from './sender';

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
  const target = uploadTarget(
    await client.files.getUploadURLExternal({ filename: file.filename, length: size }),
  );
  await postBytes(target.url, size, (req) => pipeline(createReadStream(file.path), req));
  await client.files.completeUploadExternal({
    files: [{ id: target.fileId, title: file.title }],
    channel_id: file.channelId,
  });
}

/** A file made in memory (a chart), to share in a conversation or in a thread of it. */
export interface FileInMemory {
  bytes: Buffer;
  filename: string;
  title: string;
  channelId: string;
  /** Shares it as a reply in this thread, not in the channel. */
  threadTs?: string;
}

/**
 * The first two of Slack's upload steps for bytes in memory; answers the file's id. Until
 * `shareUpload` completes it, the file is shared nowhere, so a failure here never shows anything.
 * Slack's errors come mapped as `send` maps them (RateLimited, SlackUnavailable, SlackRefused).
 */
export async function stageUpload(
  client: WebClient,
  file: Pick<FileInMemory, 'bytes' | 'filename'>,
): Promise<string> {
  const length = file.bytes.length;
  const target = uploadTarget(
    await send(client, (c) => c.files.getUploadURLExternal({ filename: file.filename, length })),
  );
  await postBytes(target.url, length, async (req) => {
    req.end(file.bytes);
  });
  return target.fileId;
}

/**
 * The last step: files.completeUploadExternal shares the staged file in the channel, or as a reply
 * in `threadTs`. Slack finishes sharing asynchronously after it answers, so the message with the
 * file may appear a moment later (an image block naming the file right away can fail with
 * invalid_blocks; a file shared in a thread does not). Errors mapped as `send` maps them.
 */
export async function shareUpload(
  client: WebClient,
  fileId: string,
  file: Pick<FileInMemory, 'title' | 'channelId' | 'threadTs'>,
): Promise<void> {
  await send(client, (c) =>
    c.files.completeUploadExternal({
      files: [{ id: fileId, title: file.title }],
      channel_id: file.channelId,
      ...(file.threadTs ? { thread_ts: file.threadTs } : {}),
    }),
  );
}

function uploadTarget(res: { upload_url?: string; file_id?: string }): { url: string; fileId: string } {
  if (!res.upload_url || !res.file_id) {
    throw new SlackUnavailable('files.getUploadURLExternal answered without an upload URL', false);
  }
  return { url: res.upload_url, fileId: res.file_id };
}

/** POSTs `length` bytes that `write` puts on the request; resolves once the upload URL answers 200. */
function postBytes(url: string, length: number, write: (req: ClientRequest) => Promise<void>): Promise<void> {
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
    req.once('error', reject);
    req.once('timeout', () => req.destroy(new SlackUnavailable('the file upload timed out', true)));
    write(req).catch(reject);
  });
}
