// Renders the operator-*.yaml fixtures of this folder with the Tigera operator's own code, the
// way its goldmane and whisker controllers do (pkg/controller/goldmane, pkg/controller/whisker
// at v1.40.0, which ships Calico v3.31.0), against a controller-runtime fake client. Run it
// from a checkout of github.com/tigera/operator at v1.40.0 (git archive v1.40.0 | tar -x):
//   mkdir -p hack/tierprobe-render && cp render-operator-goldmane.go hack/tierprobe-render/main.go
//   go run ./hack/tierprobe-render OUT_DIR
// OUT_DIR then holds goldmane-deployment.yaml, goldmane-tls-objects.yaml, and the throwaway
// CA (ca.crt, ca.key) that signed them, for other-client-certs.yaml's server-only key pair:
//   openssl x509 -req -in serveronly.csr -CA ca.crt -CAkey ca.key -extfile <(echo extendedKeyUsage=serverAuth) ...
// The operator's certificates last about 27 months: re-render when they expire.

package main

import (
	"os"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"
	"sigs.k8s.io/yaml"

	operatorv1 "github.com/tigera/operator/api/v1"
	"github.com/tigera/operator/pkg/common"
	"github.com/tigera/operator/pkg/controller/certificatemanager"
	"github.com/tigera/operator/pkg/dns"
	"github.com/tigera/operator/pkg/render"
	rcertificatemanagement "github.com/tigera/operator/pkg/render/certificatemanagement"
	"github.com/tigera/operator/pkg/render/goldmane"
	"github.com/tigera/operator/pkg/render/whisker"
	"github.com/tigera/operator/pkg/tls/certificatemanagement"
)

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func main() {
	scheme := runtime.NewScheme()
	must(corev1.AddToScheme(scheme))
	must(appsv1.AddToScheme(scheme))
	must(operatorv1.AddToScheme(scheme))
	cli := fake.NewClientBuilder().WithScheme(scheme).Build()
	inst := &operatorv1.InstallationSpec{Variant: operatorv1.Calico}
	ns := common.OperatorNamespace()
	cm, err := certificatemanager.Create(cli, inst, "cluster.local", ns, certificatemanager.AllowCACreation())
	must(err)

	// The node key pair (Felix's client certificate to Typha and Goldmane).
	nodeKP, err := cm.GetOrCreateKeyPair(cli, render.NodeTLSSecretName, ns, []string{render.FelixCommonName})
	must(err)
	// goldmane controller
	gmKP, err := cm.GetOrCreateKeyPair(cli, goldmane.GoldmaneKeyPairSecret, ns, dns.GetServiceDNSNames(goldmane.GoldmaneServiceName, goldmane.GoldmaneNamespace, "cluster.local"))
	must(err)
	// whisker controller
	wbNames := append(dns.GetServiceDNSNames("whisker-backend", whisker.WhiskerNamespace, "cluster.local"), "localhost", "127.0.0.1")
	wbKP, err := cm.GetOrCreateKeyPair(cli, whisker.WhiskerBackendKeyPairSecret, whisker.WhiskerNamespace, wbNames)
	must(err)
	for _, kp := range []certificatemanagement.KeyPairInterface{nodeKP, gmKP} {
		must(cli.Create(nil, kp.Secret(ns)))
	}
	must(cli.Create(nil, wbKP.Secret(whisker.WhiskerNamespace)))

	bundle, err := cm.CreateNamedTrustedBundleFromSecrets(goldmane.GoldmaneDeploymentName, cli, ns, false, whisker.WhiskerBackendKeyPairSecret)
	must(err)
	bundle.AddCertificates(gmKP, nodeKP)

	certComponent := rcertificatemanagement.CertificateManagement(&rcertificatemanagement.Config{
		Namespace: goldmane.GoldmaneNamespace, TruthNamespace: ns, ServiceAccounts: []string{whisker.WhiskerServiceAccountName},
		KeyPairOptions: []rcertificatemanagement.KeyPairOption{rcertificatemanagement.NewKeyPairOption(gmKP, true, true)},
		TrustedBundle:  bundle,
	})
	gm := goldmane.Goldmane(&goldmane.Configuration{
		Installation: inst, TrustedCertBundle: bundle, GoldmaneServerKeyPair: gmKP, ClusterDomain: "cluster.local", Goldmane: &operatorv1.Goldmane{},
	})
	must(gm.ResolveImages(nil))
	objs := []client.Object{}
	o, _ := certComponent.Objects()
	objs = append(objs, o...)
	o, _ = gm.Objects()
	objs = append(objs, o...)
	// The secrets in calico-system the other components mount: whisker-backend's and node-certs (typha renders it there).
	objs = append(objs, wbKP.Secret(whisker.WhiskerNamespace), nodeKP.Secret(common.CalicoNamespace))

	// One run: the CA differs every time, so every file comes from the same one.
	dir := os.Args[1]
	var deployment, tlsObjects []byte
	for _, obj := range objs {
		switch o := obj.(type) {
		case *appsv1.Deployment:
			out, err := yaml.Marshal(o)
			must(err)
			deployment = out
		case *corev1.Secret:
			if o.Namespace == common.CalicoNamespace {
				out, err := yaml.Marshal(o)
				must(err)
				tlsObjects = append(append(tlsObjects, []byte("---\n")...), out...)
			}
		case *corev1.ConfigMap:
			if o.Name == "goldmane-ca-bundle" {
				out, err := yaml.Marshal(o)
				must(err)
				tlsObjects = append(append(tlsObjects, []byte("---\n")...), out...)
			}
		}
	}
	must(os.WriteFile(dir+"/goldmane-deployment.yaml", deployment, 0o644))
	must(os.WriteFile(dir+"/goldmane-tls-objects.yaml", tlsObjects, 0o644))
	caKP := cm.KeyPair()
	ca := caKP.Secret(ns)
	must(os.WriteFile(dir+"/ca.crt", ca.Data["tls.crt"], 0o600))
	must(os.WriteFile(dir+"/ca.key", ca.Data["tls.key"], 0o600))
}
