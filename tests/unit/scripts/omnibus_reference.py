"""Reference values for tests/unit/test_multi_omnibus.c.

Run with Debian's python3 (numpy and scipy from python3-scipy):
    /usr/bin/python3 tests/unit/scripts/omnibus_reference.py
It computes the Wald chi-square W of the NPS (weights n/V, adjusted-Wald V
where V = 0) and its chi-square p, Pearson's X^2 of the category table by
scipy.stats.chi2_contingency (no continuity correction), and the exact
permutation p of W for a small table by enumerating every deal of the
pooled answers to the groups with its multivariate hypergeometric
probability.
"""
import numpy as np
from scipy import stats
from itertools import product
from math import comb
def W(groups):
    th=[];w=[]
    for p,a,d in groups:
        n=p+a+d; t=(p-d)/n; v=p/n+d/n-t*t
        if v<=0:
            m=n+3; pp=(p+.75)/m; pd=(d+.75)/m; v=pp+pd-(pp-pd)**2
        th.append(t); w.append(n/v)
    th=np.array(th); w=np.array(w); tw=(w*th).sum()/w.sum()
    return (w*(th-tw)**2).sum(), tw
for g in ([(50,30,20),(40,30,30),(30,20,50)], [(120,50,30),(95,60,45)], [(10,0,0),(6,2,2),(3,3,4)]):
    w,tw=W(g); df=len(g)-1
    tab=np.array(g).T
    tab=tab[tab.sum(1)>0]
    chi2,p,dof,exp=stats.chi2_contingency(tab,correction=False)
    print(g, repr(w), repr(tw), repr(stats.chi2.sf(w,df)), repr(chi2), dof, repr(p), repr(exp.min()))
# exact permutation p for small groups
g=[(4,1,0),(1,2,2),(0,2,3)]
P=sum(x[0] for x in g);A=sum(x[1] for x in g);D=sum(x[2] for x in g);sizes=[sum(x) for x in g]
w0,_=W(g)
tot=0.0;hit=0.0
def deals(P,A,D,sizes):
    if len(sizes)==1:
        yield [(P,A,D)]; return
    t=sizes[0]
    for x in range(0,min(P,t)+1):
        for y in range(0,min(A,t-x)+1):
            z=t-x-y
            if z>D: continue
            for rest in deals(P-x,A-y,D-z,sizes[1:]):
                yield [(x,y,z)]+rest
N=P+A+D
for dd in deals(P,A,D,sizes):
    # probability of this deal: prod over groups of multivariate hypergeometric
    pr=1.0;pp,aa,ddd=P,A,D
    for (x,y,z) in dd:
        n=x+y+z
        pr*=comb(pp,x)*comb(aa,y)*comb(ddd,z)/comb(pp+aa+ddd,n)
        pp-=x;aa-=y;ddd-=z
    tot+=pr
    if W(dd)[0]>=w0*(1-1e-9): hit+=pr
print('perm exact', g, repr(w0), repr(hit/tot), tot)
