import { useEffect, useRef, useState } from "react";
import { useT } from "~/i18n/use-t";

/**
 * A canvas the signer draws on with a finger, stylus or mouse; each stroke updates a hidden input
 * with the drawing as a PNG data URL. Without JavaScript the canvas stays blank and the typed-name
 * field below is the signature.
 */
export function SignaturePad({ error, typedDefault = "", optional = false, showTyped = true, label, hint }: {
  error?: string;
  typedDefault?: string;
  /** No required mark (a foreman's signature on the self-inspection, for example). */
  optional?: boolean;
  /** The typed-name alternative below the canvas. */
  showTyped?: boolean;
  label?: string;
  hint?: string;
}) {
  const t = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [dataUrl, setDataUrl] = useState("");
  const drawing = useRef(false);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    // Size the bitmap to the element (and the screen's density) so strokes stay sharp on phones.
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    const rect = canvas.getBoundingClientRect();
    canvas.width = Math.round(rect.width * ratio);
    canvas.height = Math.round(rect.height * ratio);
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    ctx.scale(ratio, ratio);
    ctx.lineWidth = 2.4;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#111";
  }, []);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };
  const down = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const ctx = e.currentTarget.getContext("2d");
    if (!ctx) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    const p = point(e);
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
    ctx.lineTo(p.x + 0.1, p.y + 0.1);
    ctx.stroke();
  };
  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const ctx = e.currentTarget.getContext("2d");
    const p = point(e);
    ctx?.lineTo(p.x, p.y);
    ctx?.stroke();
  };
  const up = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    drawing.current = false;
    setDataUrl(e.currentTarget.toDataURL("image/png"));
  };
  const clear = () => {
    const canvas = canvasRef.current;
    canvas?.getContext("2d")?.clearRect(0, 0, canvas.width, canvas.height);
    setDataUrl("");
  };

  return (
    <div>
      <span className="mb-1 block text-sm font-medium text-slate-700">
        {label ?? t("review.signature")}
        {optional ? null : <span className="ml-0.5 text-red-600" aria-hidden>*</span>}
      </span>
      <p className="mb-2 text-xs text-slate-500">{hint ?? t("review.signature.hint")}</p>
      <canvas
        ref={canvasRef}
        data-testid="signature-pad"
        aria-label={label ?? t("review.signature")}
        className={`h-40 w-full max-w-md touch-none rounded-md border bg-white ${error ? "border-red-500" : "border-slate-300"}`}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      />
      <input type="hidden" name="signature" value={dataUrl} />
      <div className="mt-2">
        <button type="button" className="btn-secondary" onClick={clear}>
          {t("review.signature.clear")}
        </button>
      </div>
      {error ? (
        <p id="f-signature-error" className="mt-1 text-sm text-red-600" role="alert">
          {t(error)}
        </p>
      ) : null}
      {showTyped ? (
        <>
          <label htmlFor="f-typedSignature" className="mb-1 mt-3 block text-sm font-medium text-slate-700">
            {t("review.signature.typed")}
          </label>
          <input id="f-typedSignature" name="typedSignature" defaultValue={typedDefault} maxLength={60} className="input max-w-md" autoComplete="name" />
        </>
      ) : null}
    </div>
  );
}
