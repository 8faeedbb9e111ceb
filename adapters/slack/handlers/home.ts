import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { guard } from '../guard.js';
import { renderHome } from '../render.js';

type HomeArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

/** App Home tab: a short introduction and the topic list, published each time it is opened (knowledge may have changed). */
export function registerHome(app: App, deps: SlackDeps): void {
  app.event(
    'app_home_opened',
    guard<HomeArgs>(deps, 'app_home_opened', async ({ event, client }, log) => {
      if (event.tab !== undefined && event.tab !== 'home') return;
      await client.views.publish({ user_id: event.user, view: renderHome(deps.bot.help(), deps.bot.identity.name) });
      log.debug('home tab published');
    }),
  );
}
