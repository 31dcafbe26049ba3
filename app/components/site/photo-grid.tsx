// Thumbnails of stored photos; each opens the full image (/files/:id authorises by project).
import type { ReactNode } from "react";
import { useT } from "~/i18n/use-t";

export interface PhotoGridProps {
  photos: { id: string; fileId: string; caption: string }[];
  /** Optional per-photo control (e.g. a remove button form), rendered under the caption. */
  renderAction?: (photo: { id: string; fileId: string; caption: string }) => ReactNode;
}

export function PhotoGrid({ photos, renderAction }: PhotoGridProps) {
  const t = useT();
  if (photos.length === 0) return <p className="text-sm text-slate-500">{t("site.photo.none")}</p>;
  return (
    <ul className="flex flex-wrap gap-3">
      {photos.map((p) => (
        <li key={p.id} className="w-24">
          <a href={`/files/${p.fileId}`} target="_blank" rel="noreferrer">
            <img src={`/files/${p.fileId}`} alt={p.caption || t("site.photo.alt")} loading="lazy" className="h-24 w-24 rounded object-cover ring-1 ring-slate-200" />
          </a>
          {p.caption ? <p className="mt-1 break-words text-xs text-slate-600">{p.caption}</p> : null}
          {renderAction ? renderAction(p) : null}
        </li>
      ))}
    </ul>
  );
}
