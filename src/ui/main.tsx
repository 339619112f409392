import { render } from "preact";
import { App } from "./app";
// One stylesheet per component or concern, in cascade order: tokens and controls first, then the
// page, then each component's own rules (with its narrow-screen rules beside them).
import "./styles/base.css";
import "./styles/controls.css";
import "./styles/sign-in.css";
import "./styles/page.css";
import "./styles/filters.css";
import "./styles/key-table.css";
import "./styles/actions-menu.css";
import "./styles/dialogs.css";
import "./styles/key-details.css";
import "./styles/activity.css";
import "./styles/users.css";
import "./styles/sessions.css";
import "./styles/two-factor.css";
import "./styles/connect-app.css";
import "./styles/key-access.css";
import "./styles/notifications.css";

render(<App />, document.getElementById("app")!);
