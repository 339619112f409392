import { h } from "preact";
import { lazy } from "./lazy";

/** The QR code, its encoder (uqr) loaded when one is first shown; meanwhile an empty box of the same size (CSS sizes `.qr-code`). */
export const QrCode = lazy(
  () => import("./qr-code").then((module) => module.QrCode),
  ({ label }: { text: string; label: string }) => h("svg", { class: "qr-code", role: "img", "aria-label": label, "aria-busy": "true" }),
);
