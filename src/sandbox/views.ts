/** A modal or Home view with the errors its last submission got. */
export interface StoredView extends Record<string, unknown> {
  id: string;
  hash: string;
  errors?: Record<string, string>;
}

/** Slack lets an app stack at most three modals. */
const MODAL_STACK = 3;

/** What a view change tells the page: whose modal or Home to draw again. */
export interface ViewChange {
  scope: 'modal' | 'home';
  user: string;
}

/** What the views need of their workspace: its ids, its id counter and its change events. */
interface ViewsHost {
  identity: { teamId: string; appId: string; botId: string };
  nextId(prefix: string): string;
  emit(change: ViewChange): void;
}

/**
 * The views of the workspace: every view by id, each person's stack of modals (at most three, the
 * top one shown) and their Home tab. A change tells the page of its owner.
 */
export class Views {
  private readonly byId = new Map<string, StoredView>();
  private readonly stacks = new Map<string, string[]>();
  private readonly homeOf = new Map<string, StoredView>();

  constructor(private readonly host: ViewsHost) {}

  get(id: string): StoredView | undefined {
    return this.byId.get(id);
  }

  /** The view with this `external_id` (views.update takes one instead of a view_id). */
  byExternalId(externalId: unknown): StoredView | undefined {
    return [...this.byId.values()].find((v) => v.external_id === externalId);
  }

  /** Keeps a view as Slack answers it (ids, a fresh hash, an empty state), under `id` when it replaces one. */
  save(view: Record<string, unknown>, id?: string): StoredView {
    const { identity } = this.host;
    const stored: StoredView = {
      ...view,
      id: id ?? this.host.nextId('V'),
      team_id: identity.teamId,
      app_id: identity.appId,
      bot_id: identity.botId,
      hash: `${Date.now()}.${this.host.nextId('h')}`,
      state: { values: {} },
    };
    this.byId.set(stored.id, stored);
    return stored;
  }

  /** Opens a modal for `user` (replacing any open ones), or pushes it on their stack. */
  openModal(user: string | null, view: StoredView, push: boolean): 'ok' | 'push_limit_reached' {
    if (!user) return 'ok';
    const stack = push ? (this.stacks.get(user) ?? []) : [];
    if (stack.length >= MODAL_STACK) {
      this.byId.delete(view.id);
      return 'push_limit_reached';
    }
    const previous = stack.at(-1);
    if (previous) view.previous_view_id = previous;
    view.root_view_id = stack[0] ?? view.id;
    this.stacks.set(user, [...stack, view.id]);
    this.host.emit({ scope: 'modal', user });
    return 'ok';
  }

  /** The modal a user has on top, if any. */
  topModal(user: string): StoredView | undefined {
    const id = this.stacks.get(user)?.at(-1);
    return id ? this.byId.get(id) : undefined;
  }

  /** The user whose stack holds the view, or whose Home it is. */
  private ownerOf(viewId: string): string | undefined {
    for (const [user, stack] of this.stacks) if (stack.includes(viewId)) return user;
    for (const [user, home] of this.homeOf) if (home.id === viewId) return user;
    return undefined;
  }

  /** Replaces a view in place (views.update, response_action update); its owner's page refreshes. */
  replace(id: string, view: Record<string, unknown>): StoredView {
    const before = this.byId.get(id);
    const stored = this.save(view, id);
    if (before?.previous_view_id) stored.previous_view_id = before.previous_view_id;
    if (before?.root_view_id) stored.root_view_id = before.root_view_id;
    const owner = this.ownerOf(id);
    if (!owner) return stored;
    const isHome = this.homeOf.get(owner)?.id === id;
    if (isHome) this.homeOf.set(owner, stored);
    this.host.emit({ scope: isHome ? 'home' : 'modal', user: owner });
    return stored;
  }

  /** Closes the top modal (or all of them) of a user. */
  closeModal(user: string, all = false): void {
    const stack = this.stacks.get(user) ?? [];
    const next = all ? [] : stack.slice(0, -1);
    if (next.length) this.stacks.set(user, next);
    else this.stacks.delete(user);
    this.host.emit({ scope: 'modal', user });
  }

  home(user: string): StoredView | undefined {
    return this.homeOf.get(user);
  }

  publishHome(user: string, view: Record<string, unknown>): StoredView {
    const stored = this.save(view, this.homeOf.get(user)?.id);
    this.homeOf.set(user, stored);
    this.host.emit({ scope: 'home', user });
    return stored;
  }

  /** Every Home tab, for the workspace's snapshot. */
  homes(): [string, StoredView][] {
    return [...this.homeOf];
  }

  restoreHome(user: string, view: StoredView): void {
    this.homeOf.set(user, view);
    this.byId.set(view.id, view);
  }

  clear(): void {
    this.byId.clear();
    this.stacks.clear();
    this.homeOf.clear();
  }
}
