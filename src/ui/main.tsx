import { render } from "preact";
import { App } from "./app";
import "./styles.css";
import "./accounts.css";

render(<App />, document.getElementById("app")!);
