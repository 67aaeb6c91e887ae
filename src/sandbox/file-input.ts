import type { WorkspaceText } from './notices';
import { isRecord } from './request-body';
import type { ElementValue, StateValues } from './view-state';
import type { Workspace } from './workspace';

/**
 * A `file_input` as Slack's client submits it: the person picks files, the client uploads them, and
 * the view_submission's state holds `{type:'file_input', files:[…]}`, one file object (id, name,
 * title, mimetype, size, url_private, permalink…) per file. The page uploads into the workspace the
 * way files.uploadV2 does (an upload URL, then the bytes) and sends only the ids; they become file
 * objects here, and only files this person uploaded, whose bytes arrived, are kept.
 */

/** Block Kit reference, file input element: "There is a 10MB file size limit." */
const FILE_INPUT_MAX_BYTES = 10 * 1024 * 1024;
/** `max_files`: 1 to 10, 10 when not given. */
const MAX_FILES_DEFAULT = 10;

const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  csv: 'text/csv',
  txt: 'text/plain',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The file_input elements of a view's input blocks: block id, action id, max_files. */
function fileInputs(
  view: Record<string, unknown>,
): Array<{ blockId: string; actionId: string; max: number }> {
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  return blocks.flatMap((b) => {
    if (!isRecord(b) || b.type !== 'input' || !isRecord(b.element) || b.element.type !== 'file_input')
      return [];
    const max = typeof b.element.max_files === 'number' ? b.element.max_files : MAX_FILES_DEFAULT;
    return [{ blockId: String(b.block_id ?? ''), actionId: String(b.element.action_id ?? ''), max }];
  });
}

/** The file ids a submitted value names (the page sends `{id}` objects). */
function idsOf(v: ElementValue | undefined): string[] {
  const files = Array.isArray(v?.files) ? v.files : [];
  return files.flatMap((f) => (isRecord(f) && typeof f.id === 'string' ? [f.id] : []));
}

/** What Slack's client refuses before sending a form: more files than `max_files`, a file over 10 MB. */
export function fileInputProblems(
  ws: Workspace,
  view: Record<string, unknown>,
  values: StateValues,
  t: WorkspaceText,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { blockId, actionId, max } of fileInputs(view)) {
    const ids = idsOf(values[blockId]?.[actionId]);
    if (ids.length > max) out[blockId] = t.atMostFiles(max);
    else if (ids.some((id) => (ws.uploads.get(id)?.bytes?.length ?? 0) > FILE_INPUT_MAX_BYTES))
      out[blockId] = t.fileTooLarge(FILE_INPUT_MAX_BYTES / 1024 / 1024);
  }
  return out;
}

/** Each file_input's ids as the file objects Slack submits; ids not uploaded by `userId` are dropped. */
export function submittedFiles(
  ws: Workspace,
  view: Record<string, unknown>,
  values: StateValues,
  userId: string,
  origin: string,
): StateValues {
  const out: StateValues = { ...values };
  for (const { blockId, actionId } of fileInputs(view)) {
    const given = values[blockId]?.[actionId];
    if (!given) continue;
    const files = idsOf(given).flatMap((id) => {
      const upload = ws.uploads.get(id);
      if (!upload?.bytes || upload.user !== userId) return [];
      const ext = /\.([a-z0-9]+)$/i.exec(upload.filename)?.[1]?.toLowerCase() ?? '';
      const url = `${origin}/files/${id}/${encodeURIComponent(upload.filename)}`;
      const created = Math.floor(Date.now() / 1000);
      return [
        {
          id,
          created,
          timestamp: created,
          name: upload.filename,
          title: upload.title ?? upload.filename,
          mimetype: MIME[ext] ?? 'application/octet-stream',
          filetype: ext || 'binary',
          pretty_type: ext.toUpperCase() || 'Binary',
          user: userId,
          user_team: ws.identity.teamId,
          editable: false,
          size: upload.bytes.length,
          mode: 'hosted',
          is_external: false,
          external_type: '',
          is_public: false,
          public_url_shared: false,
          display_as_bot: false,
          username: '',
          url_private: url,
          url_private_download: url,
          permalink: url,
          file_access: 'visible',
        },
      ];
    });
    out[blockId] = { ...out[blockId], [actionId]: { type: 'file_input', files } };
  }
  return out;
}
