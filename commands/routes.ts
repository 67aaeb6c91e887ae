import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  MessageShortcut,
  SlackAction,
  SlackActionMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewAction,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';

type ActionArgs<A extends SlackAction> = SlackActionMiddlewareArgs<A> & AllMiddlewareArgs;
type ViewArgs<V extends SlackViewAction> = SlackViewMiddlewareArgs<V> & AllMiddlewareArgs;
type OptionsArgs = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;
type ShortcutArgs<S extends MessageShortcut> = SlackShortcutMiddlewareArgs<S> & AllMiddlewareArgs;
type Handler<A> = (args: A) => Promise<void>;

/**
 * The bot's interaction listeners by id. Bolt runs the matchers of every listener it holds for every
 * request, slash commands included, and with one listener per button, form and shortcut that cost
 * about a seventh of a logged command's CPU (docs/performance.md). So Bolt is given one listener per
 * kind of payload, matching exactly the ids registered here, and that listener hands the request
 * to the handler of its id. An id nobody registered reaches no listener, as before.
 */
export interface Routes {
  action<A extends SlackAction = BlockAction>(actionId: string, handler: Handler<ActionArgs<A>>): void;
  view<V extends SlackViewAction = ViewSubmitAction>(callbackId: string, handler: Handler<ViewArgs<V>>): void;
  /** An external select's options (`block_suggestion`), by the select's action id. */
  options(actionId: string, handler: Handler<OptionsArgs>): void;
  /** A message shortcut (`message_action`), by its callback id. */
  messageShortcut(callbackId: string, handler: Handler<ShortcutArgs<MessageShortcut>>): void;
}

/** Matches exactly the ids given (they are plain identifiers; escaped all the same). */
function exactly(ids: Iterable<string>): RegExp {
  const alternatives = [...ids].map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^(?:${alternatives.join('|')})$`);
}

function add<T>(table: Map<string, T>, kind: string, id: string, handler: T): void {
  if (table.has(id)) throw new Error(`two ${kind} listeners for ${id}`);
  table.set(id, handler);
}

/**
 * Collects the listeners `register` declares, then gives Bolt one listener per kind that has any.
 * The handlers are stored under the payload type of their kind: an id decides its payload's shape,
 * which is the same unchecked narrowing Bolt's own `app.action<A>(id)` makes.
 */
export function installRoutes(app: App, register: (routes: Routes) => void): void {
  const actions = new Map<string, Handler<ActionArgs<SlackAction>>>();
  const views = new Map<string, Handler<ViewArgs<SlackViewAction>>>();
  const options = new Map<string, Handler<OptionsArgs>>();
  const shortcuts = new Map<string, Handler<ShortcutArgs<MessageShortcut>>>();
  register({
    action: (id, handler) =>
      add(actions, 'action', id, handler as unknown as Handler<ActionArgs<SlackAction>>),
    view: (id, handler) => add(views, 'view', id, handler as unknown as Handler<ViewArgs<SlackViewAction>>),
    options: (id, handler) => add(options, 'options', id, handler),
    messageShortcut: (id, handler) => add(shortcuts, 'shortcut', id, handler),
  });
  if (actions.size > 0) {
    app.action(exactly(actions.keys()), async (args) => {
      const id = 'action_id' in args.action ? args.action.action_id : '';
      await actions.get(id)?.(args);
    });
  }
  if (views.size > 0) {
    app.view(exactly(views.keys()), async (args) => {
      await views.get(args.view.callback_id)?.(args);
    });
  }
  if (options.size > 0) {
    app.options({ type: 'block_suggestion', action_id: exactly(options.keys()) }, async (args) => {
      await options.get(args.body.action_id)?.(args as OptionsArgs);
    });
  }
  if (shortcuts.size > 0) {
    app.shortcut<MessageShortcut>(
      { type: 'message_action', callback_id: exactly(shortcuts.keys()) },
      async (args) => {
        await shortcuts.get(args.shortcut.callback_id)?.(args);
      },
    );
  }
}
