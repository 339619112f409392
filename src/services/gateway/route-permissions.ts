import type { PermissionGroup, PermissionLevel } from "../../identity/permissions";

/**
 * Every route of Pinepods' route table (its server's router, rust-api/src/main.rs) → the one group and
 * level a key needs for it, decided by what the route does, not by its method: `GET refresh_pods`
 * changes things (a write), `POST search_data` only reads. Published by GET /api/keys/permissions
 * and in the README; test/gateway/route-permissions.test.ts checks it against the stand-in's routes.
 * A forwarded route that is not here needs every group at write.
 * `{user_id}` marks where a route names a Pinepods user (the owner check), `{podcast_id}` a podcast
 * (feed keys); both are also read from the query and from a JSON body (gateway/key-access.ts).
 */
export const ROUTE_PERMISSIONS = {
  podcasts: {
    read: [
      "GET /api/data/import_progress/{user_id}",
      "GET /api/data/return_episodes/{user_id}",
      "GET /api/data/{podcast_id}/merged",
      "GET /api/data/return_pods/{user_id}",
      "GET /api/data/return_pods_extra/{user_id}",
      "GET /api/data/check_podcast",
      "GET /api/data/check_episode_in_db/{user_id}",
      "GET /api/data/get_podcast_id",
      "GET /api/data/podcast_episodes",
      "GET /api/data/get_podcast_id_from_ep_name",
      "GET /api/data/get_episode_id_ep_name",
      "POST /api/data/get_episode_metadata",
      "GET /api/data/fetch_podcasting_2_data",
      "GET /api/data/get_feed_cutoff_days",
      "GET /api/data/fetch_podcasting_2_pod_data",
      "GET /api/data/episode_by_url/{url_key}",
      "GET /api/data/get_user_shared_links/{user_id}",
      "GET /api/data/get_podcast_id_from_ep_id",
      "POST /api/data/search_data",
      "POST /api/data/fetch_transcript",
      "GET /api/data/home_overview",
      "GET /api/data/get_podcast_details",
      "GET /api/data/get_podcast_details_dynamic",
      "GET /api/data/podpeople/host_podcasts",
      "GET /api/data/fetch_podcast_feed",
      "GET /api/data/youtube_episodes",
      "GET /api/data/person/subscriptions/{user_id}",
      "GET /api/data/person/episodes/{user_id}/{person_id}",
      "GET /api/data/search_youtube_channels",
      "GET /api/data/check_youtube_channel",
      "POST /api/data/podcast/notification_status",
      "POST /api/data/podcast/favorite_status",
      "POST /api/data/get_unmatched_podcasts",
      "POST /api/data/get_ignored_podcasts",
      "POST /api/podcasts/notification_status",
      "GET /api/proxy/image",
    ],
    write: [
      "POST /api/data/import_opml",
      "POST /api/data/add_podcast",
      "PUT /api/data/update_podcast_info",
      "POST /api/data/{podcast_id}/merge",
      "POST /api/data/{podcast_id}/unmerge/{target_podcast_id}",
      "POST /api/data/remove_podcast",
      "POST /api/data/remove_podcast_id",
      "POST /api/data/remove_podcast_name",
      "POST /api/data/share_episode/{episode_id}",
      "DELETE /api/data/delete_shared_link",
      "PUT /api/data/extend_shared_link",
      "POST /api/data/update_feed_cutoff_days",
      "POST /api/data/remove_youtube_channel",
      "POST /api/data/add_custom_podcast",
      "POST /api/data/add_local_podcast",
      "POST /api/data/add_local_podcast_artwork",
      "POST /api/data/refresh_local_podcast",
      "POST /api/data/person/subscribe/{user_id}/{person_id}",
      "DELETE /api/data/person/unsubscribe/{user_id}/{person_id}",
      "POST /api/data/youtube/subscribe",
      "POST /api/data/remove_category",
      "POST /api/data/add_category",
      "POST /api/data/podcast/set_cover_preference",
      "POST /api/data/podcast/clear_cover_preference",
      "PUT /api/data/podcast/toggle_notifications",
      "PUT /api/data/podcast/toggle_favorite",
      "POST /api/data/update_podcast_index_id",
      "POST /api/data/ignore_podcast_index_id",
      "POST /api/gpodder/sync/force",
      "POST /api/gpodder/sync",
      // Pinepods' client refreshes a person's feeds over this socket: it fetches and stores new episodes.
      "GET /ws/api/data/episodes/{user_id}",
    ],
  },
  playback: {
    read: [
      "GET /api/data/user_history/{user_id}",
      "POST /api/data/get_playback_speed",
      "GET /api/data/get_queued_episodes",
      "GET /api/data/saved_episode_list/{user_id}",
      "POST /api/data/get_auto_play_next_status",
      "POST /api/data/get_next_podcast_episode",
      "POST /api/data/get_play_episode_details",
      "GET /api/data/get_stats",
      "GET /api/data/get_extended_stats",
      "GET /api/data/get_playlists",
      "GET /api/data/get_playlist_episodes",
    ],
    write: [
      "PUT /api/data/increment_listen_time/{user_id}",
      "POST /api/data/queue_pod",
      "POST /api/data/remove_queued_pod",
      "POST /api/data/reorder_queue",
      "POST /api/data/clear_queue",
      "POST /api/data/save_episode",
      "POST /api/data/remove_saved_episode",
      "POST /api/data/record_podcast_history",
      "POST /api/data/mark_episode_completed",
      "POST /api/data/update_episode_duration",
      "POST /api/data/bulk_mark_episodes_completed",
      "POST /api/data/bulk_save_episodes",
      "POST /api/data/bulk_queue_episodes",
      "PUT /api/data/increment_played/{user_id}",
      "POST /api/data/record_listen_duration",
      "POST /api/data/create_playlist",
      "DELETE /api/data/delete_playlist",
      "POST /api/data/mark_episode_uncompleted",
      "POST /api/data/enable_auto_play_next",
      "POST /api/data/adjust_skip_times",
      "POST /api/data/podcast/set_playback_speed",
    ],
  },
  feeds: {
    read: ["GET /api/feed/{user_id}", "GET /api/data/rss_feed_status"],
    // The RSS key opens every feed at the origin itself: handing it out is a write, not a read.
    write: ["GET /api/data/get_rss_key", "GET /api/data/rss_key", "POST /api/data/toggle_rss_feeds"],
  },
  downloads: {
    read: [
      "GET /api/data/download_episode_list",
      "GET /api/data/download_status/{user_id}",
      "POST /api/data/get_auto_download_status",
      "GET /api/data/stream/{episode_id}",
      "GET /api/episodes/{episode_id}/download",
      "GET /api/tasks/user/{user_id}",
      "GET /api/tasks/active",
      "GET /api/tasks/{task_id}",
      "GET /ws/api/tasks/{user_id}",
      "GET /api/local-media/{*path}",
    ],
    write: [
      "POST /api/data/download_podcast",
      "POST /api/data/delete_episode",
      "POST /api/data/download_all_podcast",
      "POST /api/data/bulk_download_episodes",
      "POST /api/data/bulk_delete_downloaded_episodes",
      "POST /api/data/enable_auto_download",
    ],
  },
  settings: {
    read: [
      "GET /api/pinepods_check",
      "GET /api/health",
      "GET /api/data/verify_key",
      "GET /api/data/get_user",
      "GET /api/data/user_details_id/{user_id}",
      "GET /api/data/self_service_status",
      "GET /api/data/public_oidc_providers",
      "GET /api/data/config",
      "GET /api/data/get_theme/{user_id}",
      "GET /api/data/get_auto_complete_seconds/{user_id}",
      "GET /api/data/user_admin_check/{user_id}",
      "GET /api/data/get_time_info",
      "GET /api/data/get_pinepods_version",
      "GET /api/data/user/custom_themes/{user_id}",
      "GET /api/data/my_user_info/{user_id}",
      // A copy of everything the person has: read, though it is a POST.
      "POST /api/data/backup_user",
      "GET /api/data/check_mfa_enabled/{user_id}",
      "GET /api/data/get_gpodder_settings/{user_id}",
      "GET /api/data/check_gpodder_settings/{user_id}",
      "GET /api/data/gpodder/status",
      "GET /api/data/user/notification_settings",
      "GET /api/data/user/get_podcast_cover_preference",
      "GET /api/data/startpage",
      "GET /api/data/get_user_language",
      "GET /api/data/get_available_languages",
      "GET /api/data/get_server_default_language",
      "GET /api/gpodder/test-connection",
      "GET /api/gpodder/devices/{user_id}",
      "GET /api/gpodder/devices",
      "GET /api/gpodder/default_device",
      "GET /api/gpodder/gpodder_statistics",
    ],
    write: [
      // Marks the first sign-in as done.
      "GET /api/data/first_login_done/{user_id}",
      "POST /api/data/setup_time_info",
      "PUT /api/data/update_timezone",
      "PUT /api/data/update_date_format",
      "PUT /api/data/update_time_format",
      "PUT /api/data/update_auto_complete_seconds",
      "PUT /api/data/user/set_theme",
      "POST /api/data/user/custom_themes",
      "DELETE /api/data/user/custom_themes",
      "PUT /api/data/set_fullname/{user_id}",
      "PUT /api/data/set_password/{user_id}",
      "PUT /api/data/user/set_email",
      "PUT /api/data/user/set_username",
      "POST /api/data/reset_password_create_code",
      "POST /api/data/verify_and_reset_password",
      // Makes a new two-factor secret.
      "GET /api/data/generate_mfa_secret/{user_id}",
      "POST /api/data/verify_temp_mfa",
      "POST /api/data/save_mfa_secret",
      "DELETE /api/data/delete_mfa",
      "POST /api/data/verify_mfa",
      "POST /api/data/initiate_nextcloud_login",
      "POST /api/data/add_nextcloud_server",
      "POST /api/data/verify_gpodder_auth",
      "POST /api/data/add_gpodder_server",
      "DELETE /api/data/remove_podcast_sync",
      "POST /api/data/gpodder/toggle",
      "PUT /api/data/user/notification_settings",
      "POST /api/data/user/set_playback_speed",
      "POST /api/data/user/set_global_podcast_cover_preference",
      "POST /api/data/user/test_notification",
      "POST /api/data/startpage",
      "PUT /api/data/update_user_language",
      "POST /api/gpodder/set_default/{device_id}",
      "POST /api/gpodder/devices",
      "POST /api/auth/store_state",
      "GET /api/auth/callback",
    ],
  },
  admin: {
    read: [
      "GET /api/data/get_user_info",
      "GET /api/data/user/final_admin/{user_id}",
      "GET /api/data/guest_status",
      "GET /api/data/download_status",
      "GET /api/data/admin_self_service_status",
      "GET /api/data/get_email_settings",
      "POST /api/data/backup_server",
      "GET /api/data/list_oidc_providers",
      "POST /api/data/get_scheduled_backup",
      "POST /api/data/list_backup_files",
    ],
    write: [
      "POST /api/data/create_first",
      "POST /api/data/add_user",
      "POST /api/data/add_login_user",
      "DELETE /api/data/user/delete/{user_id}",
      "PUT /api/data/user/set_isadmin",
      "POST /api/data/enable_disable_guest",
      "POST /api/data/enable_disable_downloads",
      "POST /api/data/enable_disable_self_service",
      "POST /api/data/save_email_settings",
      "POST /api/data/send_test_email",
      "POST /api/data/send_email",
      "POST /api/data/restore_server",
      // Refresh every user's feeds (Pinepods' handler is refresh_pods_admin), and the other server jobs.
      "GET /api/data/refresh_pods",
      "GET /api/data/refresh_gpodder_subscriptions",
      "GET /api/data/refresh_nextcloud_subscriptions",
      "GET /api/data/refresh_hosts",
      "GET /api/data/cleanup_tasks",
      "GET /api/data/auto_complete_episodes",
      "GET /api/data/update_playlists",
      "POST /api/data/add_oidc_provider",
      "PUT /api/data/update_oidc_provider/{provider_id}",
      "POST /api/data/remove_oidc_provider",
      "POST /api/data/schedule_backup",
      "POST /api/data/restore_backup_file",
      "POST /api/data/manual_backup_to_directory",
      "POST /api/init/startup_tasks",
    ],
  },
  keys: {
    read: ["GET /api/data/get_api_info/{user_id}"],
    write: [
      "GET /api/data/get_key",
      "POST /api/data/verify_mfa_and_get_key",
      "POST /api/data/create_api_key",
      "DELETE /api/data/delete_api_key",
    ],
  },
} as const satisfies Record<PermissionGroup, Record<PermissionLevel, readonly string[]>>;

export interface RouteRule {
  /** `GET /api/data/return_pods/{user_id}`: as the map and the README name it. */
  route: string;
  group: PermissionGroup;
  level: PermissionLevel;
  /** Positions of the path segments that name a Pinepods user / a podcast. */
  userIdSegments: number[];
  podcastIdSegments: number[];
}

// --- the matcher, built once per isolate --------------------------------------------------------
// Exact paths in a Map (one lookup); routes with parameters as one regex each, grouped by method and
// segment count, tried only when the exact lookup misses. Nothing is compiled per request.

const exact = new Map<string, RouteRule>();
const patterns = new Map<string, { regex: RegExp; rule: RouteRule }[]>();

for (const [group, levels] of Object.entries(ROUTE_PERMISSIONS) as [PermissionGroup, Record<PermissionLevel, readonly string[]>][]) {
  for (const [level, routes] of Object.entries(levels) as [PermissionLevel, readonly string[]][]) {
    for (const route of routes) {
      const [method, path] = route.split(" ") as [string, string];
      const segments = path.split("/");
      const at = (name: string) => segments.flatMap((segment, index) => (segment === `{${name}}` ? [index] : []));
      const rule: RouteRule = { route, group, level, userIdSegments: at("user_id"), podcastIdSegments: at("podcast_id") };
      if (!path.includes("{")) {
        exact.set(`${method} ${path}`, rule);
        continue;
      }
      const source = segments
        .map((segment) =>
          segment === "{*path}" ? ".+" : segment.startsWith("{") ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&"),
        )
        .join("/");
      const wildcard = path.includes("{*");
      const bucket = `${method} ${wildcard ? "*" : segments.length}`;
      const list = patterns.get(bucket) ?? [];
      // Routes with more fixed segments first: `/api/data/user/custom_themes/{user_id}` before `/api/data/{podcast_id}/merged`.
      list.push({ regex: new RegExp(`^${source}$`), rule });
      list.sort((a, b) => fixedSegments(b.rule.route) - fixedSegments(a.rule.route));
      patterns.set(bucket, list);
    }
  }
}

function fixedSegments(route: string): number {
  return route.split("/").filter((segment) => segment !== "" && !segment.startsWith("{")).length;
}

/** The rule for a request, or undefined when Pinepods' route table has no such route. HEAD is GET. */
export function matchRoute(method: string, path: string): RouteRule | undefined {
  const verb = method === "HEAD" ? "GET" : method;
  const found = exact.get(`${verb} ${path}`);
  if (found) return found;
  const segmentCount = path.split("/").length;
  for (const bucket of [`${verb} ${segmentCount}`, `${verb} *`]) {
    for (const { regex, rule } of patterns.get(bucket) ?? []) if (regex.test(path)) return rule;
  }
  return undefined;
}
