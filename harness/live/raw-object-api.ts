// Server-side apply of objects exactly as written. client-node's generic object client runs
// every body through its typed model, which drops fields the model names differently
// (NetworkPolicy peers' `from` is `_from` there): sent that way, a rule's `from` list vanished
// and the rule allowed every source. This client sends the JSON as it is and hands back the
// stored object as the server wrote it.
import * as k8s from '@kubernetes/client-node';

export type JsonPatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string };

export class RawObjectApi extends k8s.KubernetesObjectApi {
  /** POST the object as JSON: fails with 409 where one of that name exists. Resolves to the stored object. */
  async createRaw(o: k8s.KubernetesObject, fieldManager: string): Promise<unknown> {
    const path = await this.specUriPath(o, 'create');
    const request = this.configuration.baseServer.makeRequestContext(path, k8s.HttpMethod.POST);
    request.setHeaderParam('Accept', 'application/json');
    request.setHeaderParam('Content-Type', 'application/json');
    request.setQueryParam('fieldManager', fieldManager);
    request.setBody(JSON.stringify(o));
    const stored: unknown = await this.requestPromise(request, 'KubernetesObject');
    return stored;
  }

  /** PATCH application/json-patch+json: the operations apply all or none (a failed `test` changes nothing). */
  async jsonPatch(o: k8s.KubernetesObject, operations: readonly JsonPatchOperation[], fieldManager: string): Promise<unknown> {
    const path = await this.specUriPath(o, 'patch');
    const request = this.configuration.baseServer.makeRequestContext(path, k8s.HttpMethod.PATCH);
    request.setHeaderParam('Accept', 'application/json');
    request.setHeaderParam('Content-Type', k8s.PatchStrategy.JsonPatch);
    request.setQueryParam('fieldManager', fieldManager);
    request.setBody(JSON.stringify(operations));
    const stored: unknown = await this.requestPromise(request, 'KubernetesObject');
    return stored;
  }

  /** PATCH application/apply-patch+yaml with the object as JSON; resolves to the stored object. */
  async serverSideApply(o: k8s.KubernetesObject, fieldManager: string): Promise<unknown> {
    const path = await this.specUriPath(o, 'patch');
    const request = this.configuration.baseServer.makeRequestContext(path, k8s.HttpMethod.PATCH);
    request.setHeaderParam('Accept', 'application/json');
    request.setHeaderParam('Content-Type', k8s.PatchStrategy.ServerSideApply);
    request.setQueryParam('fieldManager', fieldManager);
    request.setQueryParam('force', 'true');
    request.setBody(JSON.stringify(o));
    // 'KubernetesObject' is no model type: the response is parsed JSON, left as it is.
    const stored: unknown = await this.requestPromise(request, 'KubernetesObject');
    return stored;
  }
}
