import { useEffect, useState } from "preact/hooks";
import { api, errorMessage } from "../api";
import { GROUPS, type Group, type KeyAccess, type Level, type Permissions, PRESETS, type PresetId, splitList } from "./key-access";

/** The create dialog's access choices: a preset, or each group's level, the podcasts, the network fence and the rate limit. */
export interface AccessDraft {
  preset: PresetId;
  permissions: Permissions;
  podcastIds: number[];
  countries: string;
  asns: string;
  cidrs: string;
  limit: boolean;
  requests: string;
  periodSeconds: string;
}

export const initialAccess: AccessDraft = {
  preset: "read",
  permissions: { podcasts: "read", playback: "read" },
  podcastIds: [],
  countries: "",
  asns: "",
  cidrs: "",
  limit: false,
  requests: "60",
  periodSeconds: "60",
};

/** The request's access fields, or the reason the draft cannot be sent. */
export function accessOf(draft: AccessDraft): KeyAccess | string {
  const preset = PRESETS.find(({ id }) => id === draft.preset)!;
  const access: KeyAccess = preset.scope ? { scope: preset.scope } : { permissions: preset.permissions ?? draft.permissions };
  if (access.permissions && Object.keys(access.permissions).length === 0) return "Choose at least one part of Pinepods.";
  if (draft.preset === "rss" || (draft.preset === "custom" && draft.podcastIds.length > 0)) {
    if (draft.podcastIds.length === 0) return "Choose the podcasts this reader may read.";
    access.podcastIds = draft.podcastIds;
  }
  const countries = splitList(draft.countries).map((country) => country.toUpperCase());
  const asns = splitList(draft.asns).map((asn) => Number(asn.replace(/^AS/i, "")));
  const cidrs = splitList(draft.cidrs);
  if (countries.length + asns.length + cidrs.length > 0) {
    access.network = {
      ...(countries.length ? { countries } : {}),
      ...(asns.length ? { asns } : {}),
      ...(cidrs.length ? { cidrs } : {}),
    };
  }
  if (draft.limit) access.rateLimit = { requests: Number(draft.requests), periodSeconds: Number(draft.periodSeconds) };
  return access;
}

interface Props {
  draft: AccessDraft;
  onDraft: (draft: AccessDraft) => void;
  isAdmin: boolean;
}

export function KeyAccessFields({ draft, onDraft, isAdmin }: Props) {
  const set = (changes: Partial<AccessDraft>) => onDraft({ ...draft, ...changes });
  const choosesPodcasts = draft.preset === "rss" || draft.preset === "custom";
  return (
    <>
      <fieldset class="field choices">
        <legend>Access</legend>
        {PRESETS.map(({ id, label, hint }) => (
          <div key={id} class="choice">
            <input
              id={`new-key-preset-${id}`}
              type="radio"
              name="new-key-preset"
              value={id}
              checked={draft.preset === id}
              onChange={() => set({ preset: id })}
              aria-describedby={`new-key-preset-${id}-hint`}
            />
            <label for={`new-key-preset-${id}`}>{label}</label>
            <p id={`new-key-preset-${id}-hint`} class="hint">
              {hint}
            </p>
          </div>
        ))}
      </fieldset>
      {draft.preset === "custom" && (
        <fieldset class="field group-levels">
          <legend>Each part of Pinepods</legend>
          {GROUPS.filter(({ adminOnly }) => !adminOnly || isAdmin).map(({ group, label, hint }) => (
            <div key={group} class="group-level">
              <label for={`new-key-group-${group}`}>{label}</label>
              <select
                id={`new-key-group-${group}`}
                aria-describedby={`new-key-group-${group}-hint`}
                value={draft.permissions[group] ?? "none"}
                onChange={(event) => set({ permissions: withLevel(draft.permissions, group, event.currentTarget.value) })}
              >
                <option value="none">No access</option>
                <option value="read">Read</option>
                <option value="write">Read and change</option>
              </select>
              <p id={`new-key-group-${group}-hint`} class="hint">
                {hint}
              </p>
            </div>
          ))}
        </fieldset>
      )}
      {choosesPodcasts && (
        <PodcastChoice chosen={draft.podcastIds} onChosen={(podcastIds) => set({ podcastIds })} optional={draft.preset === "custom"} />
      )}
      <details class="field key-narrowing" open={draft.preset === "custom" || undefined}>
        <summary>Network and rate limit</summary>
        <NetworkFields draft={draft} set={set} />
        <div class="choice">
          <input
            id="new-key-limit"
            type="checkbox"
            checked={draft.limit}
            onChange={(event) => set({ limit: event.currentTarget.checked })}
          />
          <label for="new-key-limit">Limit how often the key may be used</label>
        </div>
        {draft.limit && (
          <div class="inline-fields">
            <LimitNumber
              id="new-key-limit-requests"
              label="Requests"
              max={100000}
              value={draft.requests}
              onValue={(requests) => set({ requests })}
            />
            <LimitNumber
              id="new-key-limit-period"
              label="per (seconds)"
              max={86400}
              value={draft.periodSeconds}
              onValue={(periodSeconds) => set({ periodSeconds })}
            />
          </div>
        )}
      </details>
    </>
  );
}

function LimitNumber(props: { id: string; label: string; max: number; value: string; onValue: (value: string) => void }) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        min={1}
        max={props.max}
        required
        value={props.value}
        onInput={(event) => props.onValue(event.currentTarget.value)}
      />
    </>
  );
}

function withLevel(permissions: Permissions, group: Group, value: string): Permissions {
  const next = { ...permissions };
  if (value === "none") delete next[group];
  else next[group] = value as Level;
  return next;
}

/** The podcasts of the linked Pinepods account, as checkboxes; without a link, ids typed by hand. */
function PodcastChoice({ chosen, onChosen, optional }: { chosen: number[]; onChosen: (ids: number[]) => void; optional: boolean }) {
  const [podcasts, setPodcasts] = useState<{ id: number; name: string }[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    api.linkedPodcasts().then(
      ({ podcasts }) => setPodcasts(podcasts),
      (error) => setProblem(errorMessage(error)),
    );
  }, []);
  const toggle = (id: number, on: boolean) => onChosen(on ? [...chosen, id] : chosen.filter((other) => other !== id));
  return (
    <fieldset class="field choices podcast-choice">
      <legend>{optional ? "Only these podcasts (optional)" : "Podcasts"}</legend>
      {podcasts === undefined && problem === undefined && <p class="hint">Loading your podcasts…</p>}
      {podcasts?.length === 0 && <p class="hint">Your Pinepods account has no podcasts yet.</p>}
      {podcasts?.map(({ id, name }) => (
        <div key={id} class="choice">
          <input
            id={`new-key-podcast-${id}`}
            type="checkbox"
            checked={chosen.includes(id)}
            onChange={(event) => toggle(id, event.currentTarget.checked)}
          />
          <label for={`new-key-podcast-${id}`}>{name}</label>
        </div>
      ))}
      {problem !== undefined && (
        <div class="field">
          <label for="new-key-podcast-ids">Podcast ids</label>
          <input
            id="new-key-podcast-ids"
            aria-describedby="new-key-podcast-ids-hint"
            inputMode="numeric"
            value={chosen.join(", ")}
            onInput={(event) =>
              onChosen(
                splitList(event.currentTarget.value)
                  .map(Number)
                  .filter((id) => Number.isInteger(id) && id > 0),
              )
            }
          />
          <p id="new-key-podcast-ids-hint" class="hint">
            {problem} Type Pinepods podcast ids instead, separated by commas.
          </p>
        </div>
      )}
    </fieldset>
  );
}

/** Countries, networks (ASNs) and address ranges; "Only from here" fills them from where this browser is. */
function NetworkFields({ draft, set }: { draft: AccessDraft; set: (changes: Partial<AccessDraft>) => void }) {
  const [here, setHere] = useState<{ ip: string | null; country: string | null; asn: number | null } | undefined>();
  const [status, setStatus] = useState("");
  const findHere = async () => {
    try {
      const place = await api.clientNetwork();
      setHere(place);
      setStatus(place.country || place.asn || place.ip ? "" : "Where you are is not known here (no Cloudflare in front).");
    } catch (error) {
      setStatus(errorMessage(error));
    }
  };
  return (
    <fieldset class="field network-fence">
      <legend>Only from (any one match is enough)</legend>
      <button type="button" class="button button-small" onClick={findHere}>
        Only from here…
      </button>
      {here && (
        <div class="here-choices">
          {here.asn !== null && (
            <button type="button" class="button button-small" onClick={() => set({ asns: String(here.asn) })}>
              This network (AS{here.asn})
            </button>
          )}
          {here.country !== null && (
            <button type="button" class="button button-small" onClick={() => set({ countries: here.country ?? "" })}>
              This country ({here.country})
            </button>
          )}
          {here.ip !== null && (
            <button type="button" class="button button-small" onClick={() => set({ cidrs: here.ip ?? "" })}>
              This address ({here.ip})
            </button>
          )}
        </div>
      )}
      <p class="hint" role="status">
        {status}
      </p>
      <label for="new-key-countries">Countries</label>
      <input
        id="new-key-countries"
        placeholder="DE, AT"
        value={draft.countries}
        onInput={(event) => set({ countries: event.currentTarget.value })}
      />
      <label for="new-key-asns">Networks (ASN)</label>
      <input id="new-key-asns" placeholder="3320" value={draft.asns} onInput={(event) => set({ asns: event.currentTarget.value })} />
      <label for="new-key-cidrs">Addresses (CIDR)</label>
      <input
        id="new-key-cidrs"
        placeholder="203.0.113.0/24, 2001:db8::/32"
        value={draft.cidrs}
        onInput={(event) => set({ cidrs: event.currentTarget.value })}
      />
    </fieldset>
  );
}
