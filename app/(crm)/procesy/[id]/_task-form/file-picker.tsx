"use client";

import { useState, useSyncExternalStore } from "react";
import { t } from "@/lib/i18n";

export type PickedFile = { token: string; name: string };

const noop = () => () => {};

/**
 * "Dodaj plik": files go to /api/upload as soon as they are chosen (with progress); the form then
 * carries only their tokens, so file bytes never pass through the server action.
 */
export function FilePicker({
  initial,
  error: fieldError,
  onUploadingChange,
}: {
  initial: PickedFile[];
  error?: string;
  /** Told when an upload starts and ends, so the form can hold "Zapisz" until the files are in. */
  onUploadingChange?: (uploading: boolean) => void;
}) {
  const [files, setFiles] = useState(initial);
  const [progress, setProgressState] = useState<number | null>(null);
  const setProgress = (value: number | null) => {
    setProgressState(value);
    onUploadingChange?.(value !== null);
  };
  const [error, setError] = useState("");
  const hydrated = useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
  const errorText = error || fieldError;

  function upload(list: FileList | null, input: HTMLInputElement) {
    if (!list?.length) return;
    const body = new FormData();
    for (const file of Array.from(list)) body.append("file", file, file.name);
    const request = new XMLHttpRequest();
    request.open("POST", "/api/upload");
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) setProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      setProgress(null);
      input.value = "";
      const answer = request.response as { files?: PickedFile[]; error?: string } | null;
      if (request.status === 200 && answer?.files) {
        setFiles((current) => [...current, ...answer.files!.map(({ token, name }) => ({ token, name }))]);
        setError("");
      } else {
        setError(answer?.error ?? t.tasks.upload.failed);
      }
    };
    request.onerror = () => {
      setProgress(null);
      input.value = "";
      setError(t.tasks.upload.failed);
    };
    setError("");
    setProgress(0);
    request.send(body);
  }

  return (
    <div className={["field", errorText ? "has-error" : ""].join(" ").trim()}>
      <label htmlFor="task-files">{t.tasks.fields.files}</label>
      <input
        id="task-files"
        type="file"
        multiple
        disabled={!hydrated || progress !== null}
        aria-describedby={errorText ? "task-files-error" : undefined}
        onChange={(event) => upload(event.currentTarget.files, event.currentTarget)}
      />
      <noscript>
        <p className="alert info">{t.tasks.upload.noScript}</p>
      </noscript>
      <div aria-live="polite">
        {progress !== null ? (
          <p className="upload-progress">
            <progress max={100} value={progress} aria-label={t.tasks.fields.files} />{" "}
            {t.tasks.upload.uploading(progress)}
          </p>
        ) : null}
      </div>
      {errorText ? (
        <p className="field-error" id="task-files-error" role="alert">
          {errorText}
        </p>
      ) : null}
      {files.length ? (
        <ul className="file-list" aria-label={t.tasks.upload.chosen}>
          {files.map((file) => (
            <li key={file.token}>
              <input type="hidden" name="fileTokens" value={file.token} />
              <input type="hidden" name="fileNames" value={file.name} />
              <span>{file.name}</span>
              <button
                type="button"
                className="button link small"
                aria-label={t.tasks.upload.removeFile(file.name)}
                onClick={() => setFiles((current) => current.filter((other) => other.token !== file.token))}
              >
                {t.tasks.upload.remove}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
